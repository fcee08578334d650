#pragma once
// Types plain YAML scalars exactly as Kubernetes does: sigs.k8s.io/yaml decodes with go-yaml v2,
// whose resolver follows YAML 1.1 (yes/no/on/off/y/n are booleans, 0777 is octal, 1_000 is an
// integer, `=` and timestamps stay strings). Keeping this table faithful is what lets a schema check
// say "quote it" exactly when Kubernetes would have misread a value.
#include <cstdint>
#include <string_view>

#include "core/document/document.h"

namespace pushgate {

struct ResolvedScalar {
  NodeKind kind = NodeKind::kString;
  bool merge_key = false;  // the plain scalar "<<"
  std::int64_t i = 0;
  double f = 0;
  bool b = false;
};

// A plain, untagged scalar.
ResolvedScalar resolve_plain_scalar(std::string_view text);

// A scalar with an explicit tag (full form, e.g. "tag:yaml.org,2002:int"). Returns false when
// the text cannot be read as the tagged type (e.g. `!!int abc`); unknown tags read as strings.
bool resolve_tagged_scalar(std::string_view tag, std::string_view text, ResolvedScalar& out);

}  // namespace pushgate
