#include "core/schema_store/schema_importer.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/base/replace_file.h"
#include "core/schema/crd_loader.h"
#include "core/schema/document_json.h"
#include "core/schema/openapi_loader.h"
#include "core/schema_store/schema_store.h"
#include "core/schema_store/store_manifest.h"

namespace pushgate {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Real CRDs (kube-prometheus') exceed the push limit of 1 MiB; importing is an admin's act.
constexpr std::size_t kMaxSourceBytes = 64 * 1024 * 1024;

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::kNotFound, "cannot open " + path};
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Error{ErrorCode::kIo, "cannot read " + path};
  return text.str();
}

Status write_file(const fs::path& path, const std::string& text) {
  return replace_file(path.string(), {text});
}

// Descriptions are most of a Kubernetes schema's bytes and never validate anything. A property
// that happens to be named "description" is kept: inside `properties` keys are field names.
void strip_descriptions(json& node, bool keys_are_fields = false) {
  if (node.is_array()) {
    for (json& item : node) strip_descriptions(item);
    return;
  }
  if (!node.is_object()) return;
  if (!keys_are_fields) {
    if (auto it = node.find("description"); it != node.end() && it->is_string()) node.erase(it);
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    const bool fields =
        !keys_are_fields &&
        (it.key() == "properties" || it.key() == "patternProperties" || it.key() == "definitions");
    strip_descriptions(it.value(), fields);
  }
}

void collect_refs(const json& node, const std::string& prefix, std::vector<std::string>& out) {
  if (node.is_array()) {
    for (const json& item : node) collect_refs(item, prefix, out);
  } else if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (it.key() == "$ref" && it->is_string()) {
        const std::string& ref = it->get_ref<const std::string&>();
        if (ref.starts_with(prefix)) out.push_back(ref.substr(prefix.size()));
      } else {
        collect_refs(it.value(), prefix, out);
      }
    }
  }
}

std::optional<KubernetesVersion> version_from_path(const fs::path& path) {
  for (const fs::path& part : fs::absolute(path)) {
    const std::string name = part.string();
    if (name.starts_with("v1.")) {
      if (auto version = parse_kubernetes_version(name)) return version;
    }
  }
  return std::nullopt;
}

struct OpenApiForm {
  bool v3 = false;
  json* definitions = nullptr;
};

OpenApiForm openapi_form(json& document) {
  if (!document.is_object()) return {};
  if (auto components = document.find("components");
      components != document.end() && components->is_object() && components->contains("schemas")) {
    return {true, &(*components)["schemas"]};
  }
  if (auto definitions = document.find("definitions");
      definitions != document.end() && definitions->is_object()) {
    return {false, &*definitions};
  }
  return {};
}

class Importer {
 public:
  explicit Importer(const ImportOptions& options) : options_(options) {}

  Status import_path(const fs::path& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> files;
      for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
           it.increment(ec)) {
        const std::string ext = it->path().extension().string();
        if (it->is_regular_file() && (ext == ".json" || ext == ".yaml" || ext == ".yml")) {
          files.push_back(it->path());
        }
      }
      if (ec) return Error{ErrorCode::kIo, "cannot list " + path.string() + ": " + ec.message()};
      std::sort(files.begin(), files.end());
      for (const fs::path& file : files) {
        if (Status status = import_file(file); !status) return status;
      }
      return Status{};
    }
    if (!fs::exists(path, ec))
      return Error{ErrorCode::kNotFound, path.string() + " does not exist"};
    return import_file(path);
  }

  ImportReport take_report() { return std::move(report_); }

  // Every version this import wrote kind files for gets a manifest of all its files.
  Status write_manifests() const {
    for (const KubernetesVersion& version : versions_) {
      if (Status status = write_store_manifest(options_.store, version); !status) return status;
    }
    return Status{};
  }

 private:
  Status import_file(const fs::path& path) {
    Result<std::string> text = read_file(path.string());
    if (!text) return text.error();
    ++report_.sources;
    if (path.extension() == ".json") {
      json document = json::parse(text.value(), nullptr, /*allow_exceptions=*/false);
      if (document.is_discarded()) {
        return Error{ErrorCode::kInvalid, path.string() + ": not valid JSON"};
      }
      if (OpenApiForm form = openapi_form(document); form.definitions != nullptr) {
        Status status = import_openapi(path, std::move(document));
        return status ? status : Error::wrap(status.error(), path.string());
      }
    }
    return import_crds(path, text.value());
  }

  Status import_openapi(const fs::path& path, json document) {
    std::optional<KubernetesVersion> version = options_.version;
    if (!version) version = version_from_path(path);
    if (!version) {
      return Error{ErrorCode::kInvalid,
                   "cannot tell which Kubernetes version this OpenAPI document is for (it says "
                   "\"unversioned\"); pass --kubernetes-version 1.NN"};
    }
    // Proves every kind compiles before anything is written.
    Result<KindSchemaSet> compiled = load_openapi_schemas(document);
    if (!compiled) return compiled.error();
    OpenApiForm form = openapi_form(document);
    strip_descriptions(*form.definitions, /*keys_are_fields=*/true);
    const std::string prefix = form.v3 ? "#/components/schemas/" : "#/definitions/";
    const json& definitions = *form.definitions;
    for (auto it = definitions.begin(); it != definitions.end(); ++it) {
      auto tags = it->find("x-kubernetes-group-version-kind");
      if (tags == it->end() || !tags->is_array()) continue;
      for (const json& tag : *tags) {
        if (!tag.is_object() || !tag.value("kind", json()).is_string() ||
            !tag.value("version", json()).is_string()) {
          continue;
        }
        GroupVersionKind kind{tag.value("group", std::string()), tag.value("version", ""),
                              tag.value("kind", "")};
        // v3 documents repeat other groups' kinds; the first copy is as good as any.
        if (!written_.insert({version->text(), kind.api_version(), kind.kind}).second) continue;
        versions_.insert(*version);
        std::optional<std::string> target = kind_file_path(options_.store, *version, kind);
        if (!target) continue;  // a name that cannot be a file name is no real kind
        if (Status status =
                write_file(*target, kind_document(definitions, it.key(), tag, prefix, form.v3));
            !status) {
          return status;
        }
        ++report_.kinds;
      }
    }
    return Status{};
  }

  // The kind's definition plus every definition it reaches, in the document's own form.
  static std::string kind_document(const json& definitions, const std::string& name,
                                   const json& tag, const std::string& prefix, bool v3) {
    json reached = json::object();
    std::vector<std::string> work = {name};
    while (!work.empty()) {
      std::string next = std::move(work.back());
      work.pop_back();
      if (reached.contains(next)) continue;
      auto it = definitions.find(next);
      if (it == definitions.end()) continue;  // compiling the whole document proved refs resolve
      json copy = *it;
      if (copy.is_object()) copy.erase("x-kubernetes-group-version-kind");
      collect_refs(copy, prefix, work);
      reached[next] = std::move(copy);
    }
    reached[name]["x-kubernetes-group-version-kind"] = json::array({tag});
    json document = json::object();
    if (v3) {
      document["openapi"] = "3.0.0";
      document["components"]["schemas"] = std::move(reached);
    } else {
      document["swagger"] = "2.0";
      document["definitions"] = std::move(reached);
    }
    return document.dump();
  }

  Status import_crds(const fs::path& path, const std::string& text) {
    ParseLimits limits;
    limits.max_bytes = kMaxSourceBytes;
    ParsedFile file = path.extension() == ".json" ? parse_json(path.string(), text, limits)
                                                  : parse_yaml(path.string(), text, limits);
    CrdLoad load = load_crds(file);
    for (Finding& finding : load.findings) report_.findings.push_back(std::move(finding));
    for (const Document& doc : file.documents) {
      const NodeRef root = doc.root();
      if (!root.is_mapping() || root.get("kind").text() != "CustomResourceDefinition") continue;
      const std::string_view group = root.get("spec").get("group").text();
      const std::string_view kind = root.get("spec").get("names").get("kind").text();
      std::optional<std::string> target = crd_file_path(options_.store, group, kind);
      if (!target) continue;  // load_crds reported what is wrong with it
      json crd = document_to_json(root);
      strip_descriptions(crd);
      if (Status status = write_file(*target, crd.dump()); !status) return status;
      ++report_.crds;
    }
    return Status{};
  }

  const ImportOptions& options_;
  ImportReport report_;
  std::set<std::tuple<std::string, std::string, std::string>> written_;
  std::set<KubernetesVersion> versions_;
};

}  // namespace

Result<ImportReport> import_schemas(const std::string& source, const ImportOptions& options) {
  if (options.store.empty()) return Error{ErrorCode::kInvalid, "no schema store folder given"};
  Importer importer(options);
  if (Status status = importer.import_path(source); !status) return status.error();
  if (Status status = importer.write_manifests(); !status) return status.error();
  return importer.take_report();
}

}  // namespace pushgate
