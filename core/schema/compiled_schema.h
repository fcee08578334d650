#pragma once
// A JSON Schema compiled into a validator over pushgate's positioned documents. Draft-04 and
// draft-07 (https://json-schema.org), OpenAPI's `nullable`, and the Kubernetes extensions
// (x-kubernetes-int-or-string, -preserve-unknown-fields, -embedded-resource, -list-type with
// -list-map-keys). Expensive to build, cheap to run, never throws (like re2's RE2):
//
//   CompiledSchema schema = CompiledSchema::compile(schema_json);
//   if (!schema.ok()) return Error::wrap(schema.error(), "schema " + schema_path);
//   for (const Violation& v : schema.validate(doc.root()))
//     findings.push_back(to_finding(v, file.path));
//
// Compiling resolves every `$ref` (local JSON pointers, `$id`/`id`-relative URIs, and remote
// documents through CompileOptions::resolver) and compiles every pattern with RE2. Anything the
// schema gets wrong is a compile error naming the JSON pointer of the offending fragment: a
// `$ref` that leads nowhere, a lookahead RE2 cannot run, `minimum: "3"`, a `$ref` loop that never
// reaches a value. A schema that compiled never silently accepts what it cannot check.
//
// Validation is bounded: recursion follows the document (at most ParseLimits::max_depth deep)
// plus schema-only hops, which compile() proves acyclic; and a step budget stops pathological
// anyOf nesting with a `schema/too-complex` violation instead of running for minutes.
//
// Thread-safety: a compiled schema is immutable; validate() may run on many threads at once.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/result.h"
#include "core/document/document.h"
#include "core/schema/violation.h"

namespace pushgate {

namespace schema {
struct Program;
}

// Fetches a schema document that a `$ref` names by absolute URI (fragment removed), e.g.
// "http://localhost:1234/integer.json". Return ErrorCode::kNotFound for unknown documents.
using SchemaResolver = std::function<Result<nlohmann::json>(const std::string& uri)>;

enum class SchemaDraft : std::uint8_t {
  kAuto,    // draft-07 keywords, but `id` and boolean exclusiveMinimum are understood too
  kDraft4,  // `id`, boolean exclusiveMinimum/Maximum; no const/contains/propertyNames/if
  kDraft7,  // `$id`, numeric exclusiveMinimum/Maximum, boolean schemas, if/then/else
};
// A document's own "$schema" (draft-04 / draft-06 / draft-07 URIs) overrides CompileOptions::draft.

enum class PatternDialect : std::uint8_t {
  kEcma262,  // JSON Schema: ECMA-262 syntax, translated for RE2 (core/schema/ecma_pattern.h)
  kRe2,      // Kubernetes CRDs and OpenAPI: Go regexp syntax, which is RE2's own
};

struct CompileOptions {
  SchemaDraft draft = SchemaDraft::kAuto;
  PatternDialect patterns = PatternDialect::kEcma262;
  // Objects that list `properties` (and say nothing about additionalProperties, have no
  // patternProperties and no x-kubernetes-preserve-unknown-fields) reject unknown fields,
  // like `kubectl --validate=strict`; without it an unknown field is silently accepted.
  bool strict = false;
  // Check the formats in core/schema/string_format.h; others are annotations.
  bool assert_formats = true;
  // Draft rule: 1.0 is an integer. Kubernetes' decoder refuses 1.0 for an integer field.
  bool integer_accepts_integral_float = true;
  // Kubernetes: a field whose value is null counts as unset (not validated, and missing when
  // required), as the API server's decoder reads it.
  bool null_means_absent = false;
  // The schema's own URI: the base of relative `$ref`s ("" when it has none).
  std::string base_uri;
  // Remote `$ref` documents; empty: a remote `$ref` is a compile error.
  SchemaResolver resolver;
};

class CompiledSchema {
 public:
  // Compiles `schema` itself (its root).
  static CompiledSchema compile(const nlohmann::json& schema, const CompileOptions& options = {});

  // Compiles several schemas inside one document (JSON pointers such as
  // "/components/schemas/io.k8s.api.apps.v1.Deployment") together, so that they share every
  // definition they reach. Result i is for entry_pointers[i]; if compiling fails, every result
  // carries the error.
  static std::vector<CompiledSchema> compile_all(const nlohmann::json& document,
                                                 const std::vector<std::string>& entry_pointers,
                                                 const CompileOptions& options = {});

  CompiledSchema(CompiledSchema&&) noexcept;
  CompiledSchema& operator=(CompiledSchema&&) noexcept;
  CompiledSchema(const CompiledSchema&) = delete;
  CompiledSchema& operator=(const CompiledSchema&) = delete;
  ~CompiledSchema();

  bool ok() const { return !error_.has_value(); }
  // When !ok(): kInvalid (a malformed schema or a `$ref` that leads nowhere), kUnsupported (e.g. a
  // lookahead pattern), or the resolver's code for a remote document it could not supply. The
  // message starts with the location of the offending fragment.
  const Error& error() const { return *error_; }
  // The JSON pointer (or URI) of the offending fragment, e.g. "#/properties/name/pattern".
  const std::string& error_location() const { return error_location_; }

  // Every violation of `instance` (capped at kMaxViolations); empty when valid. Nothing is
  // allocated per node while the document conforms.
  ViolationList validate(NodeRef instance) const;
  // Appends to `out` (reuse it across documents to keep its capacity).
  void validate(NodeRef instance, ViolationList& out) const;
  // Stops at the first problem and builds no messages.
  bool is_valid(NodeRef instance) const;

  // Compiled schema nodes in the (possibly shared) program: for tests and statistics.
  std::size_t program_size() const;

  // More violations than this in one document are dropped: the first ones locate the problem,
  // and a wrong-kind document could otherwise report thousands.
  static constexpr std::size_t kMaxViolations = 100;

 private:
  CompiledSchema() = default;
  static CompiledSchema failed(Error error, std::string location);

  std::shared_ptr<const schema::Program> program_;
  std::uint32_t root_ = 0;
  std::optional<Error> error_;
  std::string error_location_;
};

}  // namespace pushgate
