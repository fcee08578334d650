#pragma once
// The on-disk schema store that `pushgate schemas import` fills and every push reads. It is a
// plain folder with one small file per kind, so a push loads only the kinds it contains:
//
//   <store>/kubernetes/v1.35/apps/v1/Deployment.json   (core group: .../core/v1/Pod.json)
//   <store>/crds/helm.toolkit.fluxcd.io/HelmRelease.json
//
// A kind file is a minimal OpenAPI document (v3 `components.schemas` or v2 `definitions`) holding
// the kind's definition and only the definitions it reaches, without descriptions; only the
// kind's own definition keeps its x-kubernetes-group-version-kind tag. A CRD file is the
// CustomResourceDefinition itself, as JSON. Names come from pushed documents, so each path
// component is checked (kind_file_path returns nullopt for anything that could leave the store).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/schema/kind_schema_set.h"
#include "core/schema_store/kubernetes_version.h"

namespace pushgate {

// $PUSHGATE_SCHEMAS, else /var/lib/pushgate/schemas in hook mode, else
// $XDG_DATA_HOME/pushgate/schemas or ~/.local/share/pushgate/schemas.
std::string default_schema_store(bool hook_mode);
// Where schemas fetched from URL locations are cached: /var/cache/pushgate/schemas for server
// hooks, else $XDG_CACHE_HOME/pushgate/schemas or ~/.cache/pushgate/schemas.
std::string default_schema_cache(bool hook_mode);

// True for a group, version or kind that may be a path component: [A-Za-z0-9.-], not "." or
// "..", at most 253 characters.
bool is_store_name(std::string_view name);

std::optional<std::string> kind_file_path(const std::string& store,
                                          const KubernetesVersion& version,
                                          const GroupVersionKind& kind);
std::optional<std::string> crd_file_path(const std::string& store, std::string_view group,
                                         std::string_view kind);

// Kubernetes versions the store holds, oldest first.
std::vector<KubernetesVersion> store_versions(const std::string& store);

struct StoreListing {
  std::vector<std::pair<KubernetesVersion, GroupVersionKind>> kinds;  // sorted
  std::vector<std::pair<std::string, std::string>> crds;              // group, kind; sorted
};
StoreListing list_store(const std::string& store);

}  // namespace pushgate
