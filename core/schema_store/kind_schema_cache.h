#pragma once
// Compiled schemas by group/version/kind for one run, loaded lazily from schema stores and CRD
// folders and shared by every worker thread:
//
//   KindSchemaCache cache(config.kubernetes->schemas, version, {.strict = true}, crd_folders);
//   KindSchemaCache::Lookup found = cache.find({"apps", "v1", "Deployment"});
//   if (found.schema) for (const Violation& v : found.schema->validate(root)) ...
//
// A push names a handful of kinds, so only their files are read and compiled (once each, under
// a lock; compiled schemas are immutable and validated without one). CRD folders are read in
// full on first use: they are the operator's own few files.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/finding/finding.h"
#include "core/schema/kind_schema_set.h"
#include "core/schema/kubernetes_schema_options.h"
#include "core/schema_store/kubernetes_version.h"
#include "core/schema_store/schema_fetcher.h"
#include "core/schema_store/store_manifest.h"

namespace pushgate {

class KindSchemaCache {
 public:
  // `stores` may also hold kubeconform-style locations (schema_location.h), read through
  // `fetch` (schema_fetcher.h).
  KindSchemaCache(std::vector<std::string> stores, std::optional<KubernetesVersion> version,
                  KubernetesSchemaOptions options, std::vector<std::string> crd_paths = {},
                  SchemaFetchOptions fetch = {});

  struct Lookup {
    const CompiledSchema* schema = nullptr;  // nullptr: no schema for this kind
    std::string error;  // set when a schema file exists but cannot be used (fail closed)
  };
  Lookup find(const GroupVersionKind& kind) const;

  // The Kubernetes version whose schemas are used (the configured one, else the newest in the
  // first store that has any); nullopt when no store holds Kubernetes schemas.
  const std::optional<KubernetesVersion>& version() const { return version_; }

  // Problems found while reading CRD folders (each a positioned finding), reported once.
  FindingList take_crd_findings() const;

  // One message per store folder whose manifest for version() shows it incomplete or damaged
  // (store_manifest.h); empty when every store is sound. A kind file is also checked against
  // its manifest checksum when find() loads it, and is an error when it differs.
  std::vector<std::string> store_damage() const;

 private:
  struct Entry {
    KindSchemaSet set;  // owns the schema
    const CompiledSchema* schema = nullptr;
    std::string error;
  };
  Entry load(const GroupVersionKind& kind) const;
  // From a location template: `done` is false when the location has no schema for the kind.
  Entry load_from_location(const std::string& location, const GroupVersionKind& kind,
                           bool& done) const;
  void load_crd_folders_locked() const;
  // The manifest check of one store folder for version_, done once.
  const StoreManifestCheck& manifest_locked(const std::string& store) const;

  std::vector<std::string> stores_;
  std::optional<KubernetesVersion> version_;
  KubernetesSchemaOptions options_;
  std::vector<std::string> crd_paths_;
  SchemaFetcher fetcher_;

  mutable std::mutex mutex_;
  mutable std::map<GroupVersionKind, Entry> entries_;
  mutable bool crd_folders_loaded_ = false;
  mutable KindSchemaSet crd_folder_schemas_;
  mutable FindingList crd_findings_;
  mutable std::map<std::string, StoreManifestCheck> manifests_;
};

}  // namespace pushgate
