#pragma once
// Turns schema JSON into a schema::Program (core/schema/schema_program.h). Internal to
// core/schema; CompiledSchema is the public face.
//
// `$ref` targets are compiled lazily from a work list: a reference only reserves its target's
// index, so recursive schemas compile in one pass and every target is compiled once. After the
// list drains, the link step fills what needs the whole graph (list-map key defaults) and proves
// that no chain of schema-only hops ($ref, allOf, anyOf, oneOf, not, if/then/else) loops back on
// itself, which is what keeps validation finite.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/result.h"
#include "core/schema/compiled_schema.h"
#include "core/schema/schema_program.h"

namespace pushgate::schema {

struct ProgramBuild {
  std::shared_ptr<Program> program;
  std::vector<SchemaIndex> roots;  // one per entry pointer
  std::optional<Error> error;
  std::string error_location;
};

// Schemas nested deeper than this are refused: compiling recurses along the schema's own
// nesting, and no real schema comes near it (Kubernetes' deepest CRDs nest ~40 levels).
inline constexpr int kMaxSchemaNesting = 512;

ProgramBuild build_program(const nlohmann::json& document,
                           const std::vector<std::string>& entry_pointers,
                           const CompileOptions& options);

}  // namespace pushgate::schema
