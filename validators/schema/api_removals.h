#pragma once
// Kubernetes API versions that were deprecated and then removed from the API server, per kind,
// from the upstream deprecation guide (kubernetes.io/docs/reference/using-api/deprecation-guide).
#include <optional>
#include <string_view>

#include "core/config/kubernetes_config.h"

namespace pushgate {

struct ApiRemoval {
  std::string_view api_version;  // "extensions/v1beta1"
  std::string_view kind;         // "Ingress"
  KubernetesVersion deprecated;  // first release that deprecated it
  KubernetesVersion removed;     // first release that no longer serves it
  std::string_view replacement;  // "networking.k8s.io/v1", or what to do instead
};

// The entry for an apiVersion/kind, or nullopt when it was never removed.
std::optional<ApiRemoval> find_api_removal(std::string_view api_version, std::string_view kind);

}  // namespace pushgate
