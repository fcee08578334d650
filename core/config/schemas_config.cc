#include "core/config/schemas_config.h"

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/config/config.h"
#include "core/document/document.h"
#include "core/schema/compiled_schema.h"
#include "core/schema/document_json.h"

namespace pushgate {
namespace {

// A schema is configuration; anything this large is a mistake (a data file named by accident).
constexpr std::uintmax_t kMaxSchemaBytes = 16 * 1024 * 1024;

struct MappingDraft {
  SchemaMapping mapping;
  std::string origin;
};

void read_paths(ConfigReader& reader, NodeRef value, const std::string& key_path,
                MappingDraft& draft) {
  if (auto globs = reader.read_globs(value, key_path, 1)) draft.mapping.paths = std::move(*globs);
}

// Reads and compiles the schema file; every failure is reported at the `schema:` value.
void read_schema(ConfigReader& reader, NodeRef value, const std::string& key_path,
                 MappingDraft& draft) {
  std::optional<std::string> path = reader.read_string(value, key_path);
  if (!path) return;
  if (path->empty()) {
    reader.report(value, "`" + key_path + "` must name a JSON Schema file");
    return;
  }
  const std::string file = resolve_config_path(draft.origin, *path);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    reader.report(value, "`" + key_path + "`: " + file +
                             " is not a file; check the path (relative paths are relative to "
                             "the config file)");
    return;
  }
  if (std::filesystem::file_size(file, ec) > kMaxSchemaBytes) {
    reader.report(value, "`" + key_path + "`: " + file + " is larger than 16 MiB");
    return;
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  nlohmann::json json;
  if (file.ends_with(".yaml") || file.ends_with(".yml")) {
    ParseLimits limits;
    limits.max_bytes = kMaxSchemaBytes;
    const ParsedFile parsed = parse_yaml(file, text.str(), limits);
    if (!parsed.findings.empty() || parsed.documents.size() != 1) {
      reader.report(value, "`" + key_path + "`: " + file + " is not one YAML document" +
                               (parsed.findings.empty()
                                    ? std::string()
                                    : ": line " + std::to_string(parsed.findings[0].position.line) +
                                          ": " + parsed.findings[0].message));
      return;
    }
    json = document_to_json(parsed.documents[0].root());
  } else {
    json = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) {
      reader.report(value, "`" + key_path + "`: " + file + " is not valid JSON");
      return;
    }
  }
  CompileOptions options;
  options.base_uri = "file://" + file;
  auto schema = std::make_shared<CompiledSchema>(CompiledSchema::compile(json, options));
  if (!schema->ok()) {
    reader.report(value, "`" + key_path + "`: " + file +
                             " is not a usable JSON Schema: " + schema->error().message);
    return;
  }
  draft.mapping.schema_file = file;
  draft.mapping.schema = std::move(schema);
}

constexpr std::array<KeySpec<MappingDraft>, 2> kMappingKeys = {{
    {"paths", read_paths, "add `paths: [GLOB, ...]`, the files the schema applies to"},
    {"schema", read_schema, "add `schema: FILE`, a JSON Schema file"},
}};

}  // namespace

void read_schemas_section(ConfigReader& reader, NodeRef value, const std::string& key_path,
                          Config& config) {
  if (!value.is_sequence() || value.size() == 0) {
    reader.report(value, "`" + key_path +
                             "` must be a non-empty list of {paths, schema} mappings, got " +
                             ConfigReader::describe(value));
    return;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string item_path = key_path + "[" + std::to_string(i) + "]";
    MappingDraft draft{{}, config.origin};
    const std::size_t before = reader.finding_count();
    reader.read_mapping(value.item(i), item_path,
                        std::span<const KeySpec<MappingDraft>>(kMappingKeys), draft);
    if (reader.finding_count() == before && draft.mapping.schema) {
      config.schemas.push_back(std::move(draft.mapping));
    }
  }
}

}  // namespace pushgate
