// The JSON Schema compiler on hostile schemas (core/schema/schema_compiler via CompiledSchema):
// any JSON document is compiled (draft, pattern dialect and strictness picked from the input's
// size, so every combination is reached) and, when it compiles, validates fixed instances and the
// schema's own text as an instance. A schema is compiled or refused with an error; validation
// ends. Never a crash, a sanitizer report or a hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/document/document.h"
#include "core/schema/compiled_schema.h"
#include "fuzz/fuzz_support.h"

namespace {

constexpr std::string_view kInstances = R"({"apiVersion": "apps/v1", "kind": "Deployment",
 "metadata": {"name": "web", "labels": {"app": "web"}},
 "spec": {"replicas": 3, "ports": [80, 443.5, "http"], "enabled": true, "x": null}}
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = pushgate::fuzz::as_text(data, size);
  const nlohmann::json schema = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (schema.is_discarded()) return 0;

  pushgate::CompileOptions options;
  options.draft = static_cast<pushgate::SchemaDraft>(size % 3);
  options.patterns =
      (size / 3) % 2 == 0 ? pushgate::PatternDialect::kEcma262 : pushgate::PatternDialect::kRe2;
  options.strict = (size / 6) % 2 == 0;
  options.null_means_absent = (size / 12) % 2 == 0;
  options.integer_accepts_integral_float = (size / 24) % 2 == 0;
  const pushgate::CompiledSchema compiled = pushgate::CompiledSchema::compile(schema, options);
  if (!compiled.ok()) {
    (void)compiled.error_location();
    return 0;
  }
  pushgate::ParseLimits limits;
  limits.max_depth = 64;
  for (std::string_view instance : {kInstances, text}) {
    const pushgate::ParsedFile file = pushgate::parse_json("instance.json", instance, limits);
    for (const pushgate::Document& doc : file.documents) {
      compiled.validate(doc.root());
      compiled.is_valid(doc.root());
    }
  }
  return 0;
}
