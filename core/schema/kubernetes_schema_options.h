#pragma once
// How Kubernetes reads objects, as compile options shared by the OpenAPI and CRD loaders.
#include "core/schema/compiled_schema.h"

namespace pushgate {

struct KubernetesSchemaOptions {
  // Unknown fields are errors (kubectl --validate=strict), except where the schema says
  // x-kubernetes-preserve-unknown-fields or lists additionalProperties. The API server itself
  // drops unknown fields silently, which is how typos reach production unnoticed.
  bool strict = true;
};

// Go regexp patterns; null fields count as unset; 1.0 is not an integer (Go's decoder refuses
// it for int fields); strictness as asked.
inline CompileOptions kubernetes_compile_options(const KubernetesSchemaOptions& options) {
  CompileOptions compile;
  compile.patterns = PatternDialect::kRe2;
  compile.strict = options.strict;
  compile.integer_accepts_integral_float = false;
  compile.null_means_absent = true;
  return compile;
}

}  // namespace pushgate
