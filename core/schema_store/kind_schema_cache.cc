#include "core/schema_store/kind_schema_cache.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/schema/crd_loader.h"
#include "core/schema/openapi_loader.h"
#include "core/schema_store/schema_location.h"
#include "core/schema_store/schema_store.h"

namespace pushgate {
namespace {

namespace fs = std::filesystem;

// Store files are written by `pushgate schemas import`; kube-prometheus' largest CRD is ~2 MiB.
constexpr std::size_t kMaxStoreFileBytes = 64 * 1024 * 1024;

std::optional<std::string> read_if_exists(const std::string& path, std::string& error) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof()) {
    error = "cannot read " + path;
    return std::nullopt;
  }
  return text.str();
}

std::optional<KubernetesVersion> newest_version(const std::vector<std::string>& stores) {
  for (const std::string& store : stores) {
    std::vector<KubernetesVersion> versions = store_versions(store);
    if (!versions.empty()) return versions.back();
  }
  return std::nullopt;
}

}  // namespace

KindSchemaCache::KindSchemaCache(std::vector<std::string> stores,
                                 std::optional<KubernetesVersion> version,
                                 KubernetesSchemaOptions options,
                                 std::vector<std::string> crd_paths, SchemaFetchOptions fetch)
    : stores_(std::move(stores)),
      version_(version ? version : newest_version(stores_)),
      options_(options),
      crd_paths_(std::move(crd_paths)),
      fetcher_(std::move(fetch)) {}

KindSchemaCache::Lookup KindSchemaCache::find(const GroupVersionKind& kind) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(kind);
  if (it == entries_.end()) it = entries_.emplace(kind, load(kind)).first;
  return Lookup{it->second.schema, it->second.error};
}

FindingList KindSchemaCache::take_crd_findings() const {
  std::lock_guard<std::mutex> lock(mutex_);
  load_crd_folders_locked();
  return std::move(crd_findings_);
}

std::vector<std::string> KindSchemaCache::store_damage() const {
  std::vector<std::string> messages;
  if (!version_) return messages;
  std::lock_guard<std::mutex> lock(mutex_);
  for (const std::string& store : stores_) {
    if (SchemaLocation::looks_like_location(store)) continue;
    const std::vector<KubernetesVersion> held = store_versions(store);
    if (std::find(held.begin(), held.end(), *version_) == held.end()) continue;
    const StoreManifestCheck& check = manifest_locked(store);
    if (!check.problems.empty()) {
      messages.push_back(store_damage_message(store, *version_, check.problems));
    }
  }
  return messages;
}

const StoreManifestCheck& KindSchemaCache::manifest_locked(const std::string& store) const {
  auto it = manifests_.find(store);
  if (it == manifests_.end()) {
    it = manifests_.emplace(store, check_store_manifest(store, *version_)).first;
  }
  return it->second;
}

void KindSchemaCache::load_crd_folders_locked() const {
  if (crd_folders_loaded_) return;
  crd_folders_loaded_ = true;
  for (const std::string& root : crd_paths_) {
    std::vector<std::string> files;
    std::error_code ec;
    if (fs::is_directory(root, ec)) {
      for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
           it.increment(ec)) {
        const std::string ext = it->path().extension().string();
        if (it->is_regular_file() && (ext == ".yaml" || ext == ".yml" || ext == ".json")) {
          files.push_back(it->path().string());
        }
      }
    } else {
      files.push_back(root);
    }
    std::sort(files.begin(), files.end());
    for (const std::string& file : files) {
      CrdLoad load = load_crd_file(file, options_);
      crd_folder_schemas_.merge(load.schemas);
      for (Finding& finding : load.findings) crd_findings_.push_back(std::move(finding));
    }
  }
}

KindSchemaCache::Entry KindSchemaCache::load(const GroupVersionKind& kind) const {
  Entry entry;
  // Configured CRD folders first: they are the operator's newest word on their own kinds.
  load_crd_folders_locked();
  if (crd_folder_schemas_.find(kind) != nullptr) {
    entry.set.merge(crd_folder_schemas_);
    entry.schema = entry.set.find(kind);
    return entry;
  }
  for (const std::string& store : stores_) {
    if (SchemaLocation::looks_like_location(store)) {
      bool done = false;
      Entry found = load_from_location(store, kind, done);
      if (done) return found;
      continue;
    }
    std::string error;
    std::optional<std::string> path;
    bool is_crd = false;
    if (version_) path = kind_file_path(store, *version_, kind);
    std::optional<std::string> text = path ? read_if_exists(*path, error) : std::nullopt;
    if (path && !text && error.empty()) {
      // Imported, then lost: the object must not pass as an unknown kind (a warning).
      const StoreManifestCheck& check = manifest_locked(store);
      const std::string relative =
          path->substr((store + "/kubernetes/v" + version_->text() + "/").size());
      if (check.manifest && check.manifest->files.contains(relative)) {
        entry.error = *path + " is missing from the store (its manifest lists it); import the "
                      "schemas again with `pushgate schemas import`";
        return entry;
      }
    }
    if (!text && error.empty() && !kind.group.empty()) {
      path = crd_file_path(store, kind.group, kind.kind);
      text = path ? read_if_exists(*path, error) : std::nullopt;
      is_crd = true;
    }
    if (!error.empty()) {
      entry.error = error;
      return entry;
    }
    if (!text) continue;
    if (is_crd) {
      ParseLimits limits;
      limits.max_bytes = kMaxStoreFileBytes;
      CrdLoad load = load_crds(parse_json(*path, *text, limits), options_);
      entry.set = std::move(load.schemas);
      entry.schema = entry.set.find(kind);
      // The CRD is there but does not serve this version: no schema, the caller says so.
      if (entry.schema == nullptr && !load.findings.empty()) {
        entry.error = *path + ": " + load.findings.front().message;
      }
      return entry;
    }
    // The bytes must be the ones import wrote. Without a manifest store_damage() rejects the
    // run; the file is still judged here so that the findings say what else is wrong.
    if (const StoreManifestCheck& check = manifest_locked(store); check.manifest) {
      const std::string relative = path->substr(
          (store + "/kubernetes/v" + version_->text() + "/").size());
      auto listed = check.manifest->files.find(relative);
      if (listed == check.manifest->files.end()) {
        entry.error = *path + " is not in the store's manifest (added after the import); "
                      "import the schemas again with `pushgate schemas import`";
        return entry;
      }
      if (listed->second != store_file_checksum(*text)) {
        entry.error = *path + " differs from what was imported (its checksum does not match "
                      "the store's manifest); import the schemas again with `pushgate schemas "
                      "import`";
        return entry;
      }
    }
    nlohmann::json document = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded()) {
      entry.error = *path + " is not valid JSON; import the schemas again";
      return entry;
    }
    Result<KindSchemaSet> set = load_openapi_schemas(std::move(document), options_);
    if (!set) {
      entry.error = *path + ": " + set.error().message;
      return entry;
    }
    entry.set = std::move(set).value();
    entry.schema = entry.set.find(kind);
    return entry;
  }
  return entry;
}

KindSchemaCache::Entry KindSchemaCache::load_from_location(const std::string& location,
                                                           const GroupVersionKind& kind,
                                                           bool& done) const {
  Entry entry;
  done = false;
  Result<SchemaLocation> parsed = SchemaLocation::parse(location);
  if (!parsed || !version_) {
    done = true;
    entry.error = parsed ? location + " needs kubernetes.version" : parsed.error().message;
    return entry;
  }
  const std::string where = parsed.value().expand(kind, *version_, options_.strict);
  Result<std::optional<std::string>> text = fetcher_.read(where);
  if (!text) {
    done = true;
    entry.error = text.error().message;
    return entry;
  }
  if (!text.value()) return entry;  // no schema there: try the next location
  done = true;
  nlohmann::json document =
      nlohmann::json::parse(*text.value(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) {
    entry.error = where + " is not a JSON Schema (not a JSON object)";
    return entry;
  }
  CompileOptions compile = kubernetes_compile_options(options_);
  compile.base_uri = where;
  auto schema = std::make_shared<CompiledSchema>(CompiledSchema::compile(document, compile));
  if (!schema->ok()) {
    entry.error = where + ": " + schema->error().message;
    return entry;
  }
  entry.set.add(kind, schema);
  entry.schema = entry.set.find(kind);
  return entry;
}

}  // namespace pushgate
