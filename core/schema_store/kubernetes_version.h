#pragma once
// A Kubernetes minor version ("1.35"): what `kubernetes.version` names, what a schema store is
// organised by (core/schema_store/schema_store.h) and what API removals are keyed on. A plain
// value and its parser; it knows nothing about the config file or where schemas come from.
//
//   std::optional<KubernetesVersion> v = parse_kubernetes_version("v1.35.2");   // 1.35
#include <optional>
#include <string>
#include <string_view>

namespace pushgate {

// A Kubernetes minor version such as 1.35.
struct KubernetesVersion {
  int major = 1;
  int minor = 0;
  std::string text() const { return std::to_string(major) + "." + std::to_string(minor); }
  friend auto operator<=>(const KubernetesVersion&, const KubernetesVersion&) = default;
};

// "1.35", "v1.35", "1.35.2" (the patch is ignored); nullopt otherwise.
std::optional<KubernetesVersion> parse_kubernetes_version(std::string_view text);

}  // namespace pushgate
