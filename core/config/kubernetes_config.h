#pragma once
// The `kubernetes:` section of pushgate.yaml: which Kubernetes version pushed manifests target,
// where their schemas come from, and how strictly objects are judged (docs/kubernetes-schemas.md).
//
//   kubernetes:
//     version: "1.35"               # target version: its schemas, its removed API versions
//     schemas: [/var/lib/pushgate/schemas]   # stores filled by `pushgate schemas import`
//     crds: [crds/]                 # folders of CRD manifests (relative to the config file)
//     strict: true                  # unknown fields are errors (kubectl --validate=strict)
//     unknown_kinds: warn           # error | warn | ignore
//
// Writing the section turns schema validation on; without it no schema is looked up.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config_reader.h"

namespace pushgate {

enum class UnknownKinds : std::uint8_t { kError, kWarn, kIgnore };

// A Kubernetes minor version such as 1.35.
struct KubernetesVersion {
  int major = 1;
  int minor = 0;
  std::string text() const { return std::to_string(major) + "." + std::to_string(minor); }
  friend auto operator<=>(const KubernetesVersion&, const KubernetesVersion&) = default;
};

struct KubernetesConfig {
  // Unset: the newest version found in the schema store.
  std::optional<KubernetesVersion> version;
  // Schema stores (folders; absolute, resolved against the config file's folder). Empty: the
  // default store (core/schema_store/schema_store.h).
  std::vector<std::string> schemas;
  std::vector<std::string> crds;  // folders or files of CRD manifests (absolute)
  bool strict = true;
  UnknownKinds unknown_kinds = UnknownKinds::kWarn;
};

// "1.35", "v1.35", "1.35.2" (the patch is ignored); nullopt otherwise.
std::optional<KubernetesVersion> parse_kubernetes_version(std::string_view text);

// `kubernetes:` reader for the top-level key table (config_keys.cc).
struct Config;
void read_kubernetes_section(ConfigReader& reader, NodeRef value, const std::string& key_path,
                             Config& config);

std::span<const KeySpec<KubernetesConfig>> kubernetes_keys();
std::span<const EnumValue<UnknownKinds>> unknown_kinds_values();

}  // namespace pushgate
