#pragma once
// The manifest `pushgate schemas import` writes beside a Kubernetes version's kind files, and
// its check when a push loads the store:
//
//   <store>/kubernetes/v1.35/manifest.json
//   {"format": 1, "kubernetes_version": "1.35",
//    "kinds": [{"apiVersion": "apps/v1", "kind": "Deployment",
//               "file": "apps/v1/Deployment.json", "git_blob_sha1": "3b18e5..."}, ...]}
//
// The checksum is git's blob id of the file's bytes (`git hash-object FILE` prints the same),
// so an operator can check a store with stock tools.
//
// A store is damaged, and a push judged with it fails closed (schema/store), when its version has
// no manifest (imported by a pushgate before manifests), the manifest is unreadable, a listed
// file is missing, a built-in kind that Kubernetes of that version always serves is in neither
// the manifest nor the folder (an import of only some OpenAPI documents), or (checked when the
// file is loaded, see kind_schema_cache.cc) a file's bytes differ from its checksum or it is not
// listed at all. The fix is always the same: import the version's documents again.
//
// Knows nothing about schemas' content, CRD files (crds/ has no manifest: an operator adds and
// removes CRDs one by one), or kubeconform-style locations.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/schema/kind_schema_set.h"
#include "core/schema_store/kubernetes_version.h"

namespace pushgate {

inline constexpr const char* kStoreManifestName = "manifest.json";

// <store>/kubernetes/v<version>/manifest.json
std::string store_manifest_path(const std::string& store, const KubernetesVersion& version);

// git's blob id (40 hex digits) of `bytes`.
std::string store_file_checksum(std::string_view bytes);

// Lists every kind file now under the version's folder with its checksum, written to a
// temporary name and renamed. Called by import after it wrote the files.
Status write_store_manifest(const std::string& store, const KubernetesVersion& version);

// Kinds every Kubernetes `version` serves, each since the minor version it became GA and still
// served in 1.35 (core/v1 Pod, apps/v1 Deployment, batch/v1 CronJob since 1.21, ...).
std::vector<GroupVersionKind> required_builtin_kinds(const KubernetesVersion& version);

struct StoreManifest {
  // Path relative to the version's folder ("apps/v1/Deployment.json") -> checksum.
  std::map<std::string, std::string> files;
};

struct StoreManifestCheck {
  std::optional<StoreManifest> manifest;  // set when the manifest could be read
  // What is wrong, one short clause each ("apps/v1/Deployment.json is missing"); empty: sound.
  std::vector<std::string> problems;
};

// Reads the manifest and checks that every listed file exists (one stat each: checksums are
// verified when a file is loaded) and that every required built-in kind is listed.
StoreManifestCheck check_store_manifest(const std::string& store,
                                        const KubernetesVersion& version);

// The problems as one message, with the fix: import the version again into `store`.
std::string store_damage_message(const std::string& store, const KubernetesVersion& version,
                                 const std::vector<std::string>& problems);

}  // namespace pushgate
