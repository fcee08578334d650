#include "core/schema/openapi_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/schema/json_pointer.h"

namespace pushgate {
namespace {

using nlohmann::json;

struct KindEntry {
  GroupVersionKind kind;
  std::size_t entry;  // index into the entry pointers
};

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::kNotFound, "cannot open " + path};
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof()) return Error{ErrorCode::kIo, "cannot read " + path};
  return text.str();
}

// swagger.json spells resource.Quantity as a string only, but the API server (and the v3
// documents) accept a number too (`cpu: 1`); without this every such manifest would fail.
void repair_swagger(json& document) {
  auto definitions = document.find("definitions");
  if (definitions == document.end() || !definitions->is_object()) return;
  auto quantity = definitions->find("io.k8s.apimachinery.pkg.api.resource.Quantity");
  if (quantity == definitions->end() || !quantity->is_object() || quantity->contains("oneOf")) {
    return;
  }
  quantity->erase("type");
  (*quantity)["oneOf"] = json::array({json{{"type", "string"}}, json{{"type", "number"}}});
}

}  // namespace

Result<KindSchemaSet> load_openapi_schemas(json document, const KubernetesSchemaOptions& options) {
  std::string prefix;
  const json* definitions = nullptr;
  if (auto components = document.find("components");
      components != document.end() && components->is_object() && components->contains("schemas")) {
    prefix = "/components/schemas/";
    definitions = &(*components)["schemas"];
  } else if (document.contains("definitions")) {
    repair_swagger(document);
    prefix = "/definitions/";
    definitions = &document["definitions"];
  }
  if (definitions == nullptr || !definitions->is_object()) {
    return Error{ErrorCode::kInvalid,
                 "not a Kubernetes OpenAPI document: no #/components/schemas (v3) or "
                 "#/definitions (v2)"};
  }
  std::vector<std::string> pointers;
  std::vector<KindEntry> kinds;
  for (auto it = definitions->begin(); it != definitions->end(); ++it) {
    auto tags = it.value().find("x-kubernetes-group-version-kind");
    if (tags == it.value().end() || !tags->is_array()) continue;
    bool any = false;
    for (const json& tag : *tags) {
      auto text = [&](const char* field) -> const std::string* {
        auto value = tag.is_object() ? tag.find(field) : tag.end();
        return tag.is_object() && value != tag.end() && value->is_string()
                   ? &value->get_ref<const std::string&>()
                   : nullptr;
      };
      if (text("kind") == nullptr || text("version") == nullptr) continue;
      GroupVersionKind kind{text("group") != nullptr ? *text("group") : "", *text("version"),
                            *text("kind")};
      kinds.push_back({std::move(kind), pointers.size()});
      any = true;
    }
    if (any) pointers.push_back(prefix + escape_json_pointer_token(it.key()));
  }
  if (pointers.empty()) {
    return Error{ErrorCode::kInvalid,
                 "the OpenAPI document defines no kinds (no x-kubernetes-group-version-kind)"};
  }
  std::vector<CompiledSchema> compiled =
      CompiledSchema::compile_all(document, pointers, kubernetes_compile_options(options));
  if (!compiled.front().ok()) return compiled.front().error();
  std::vector<std::shared_ptr<const CompiledSchema>> shared;
  shared.reserve(compiled.size());
  for (CompiledSchema& schema : compiled) {
    shared.push_back(std::make_shared<const CompiledSchema>(std::move(schema)));
  }
  KindSchemaSet set;
  for (KindEntry& entry : kinds) set.add(std::move(entry.kind), shared[entry.entry]);
  return set;
}

Result<KindSchemaSet> load_openapi_file(const std::string& path,
                                        const KubernetesSchemaOptions& options) {
  Result<std::string> text = read_file(path);
  if (!text) return text.error();
  json document = json::parse(text.value(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    return Error{ErrorCode::kInvalid, path + ": not valid JSON"};
  }
  Result<KindSchemaSet> set = load_openapi_schemas(std::move(document), options);
  if (!set) return Error::wrap(set.error(), path);
  return set;
}

Result<KindSchemaSet> load_openapi_directory(const std::string& path,
                                             const KubernetesSchemaOptions& options) {
  std::error_code ec;
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(entry.path().string());
    }
  }
  if (ec) return Error{ErrorCode::kNotFound, "cannot list " + path + ": " + ec.message()};
  std::sort(files.begin(), files.end());
  KindSchemaSet all;
  for (const std::string& file : files) {
    Result<KindSchemaSet> set = load_openapi_file(file, options);
    if (!set) return set.error();
    all.merge(set.value());
  }
  return all;
}

}  // namespace pushgate
