#pragma once
// The `kubernetes:` section of pushgate.yaml: which Kubernetes version pushed manifests target,
// where their schemas come from, and how strictly objects are judged (docs/kubernetes-schemas.md).
//
//   kubernetes:
//     version: "1.35"               # target version: its schemas, its removed API versions
//     schemas: [/var/lib/pushgate/schemas]   # stores filled by `pushgate schemas import`
//     crds: [crds/]                 # folders of CRD manifests (relative to the config file)
//     fetch: auto                   # URL locations: auto (not in server hooks) | always | never
//     cache: /var/cache/pushgate/schemas   # where fetched schemas are kept
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
#include "core/schema_store/kubernetes_version.h"

namespace pushgate {

enum class UnknownKinds : std::uint8_t { kError, kWarn, kIgnore };

// When schema locations that are URLs may be fetched over the network.
enum class SchemaFetch : std::uint8_t {
  kAuto,    // in `pushgate check` and pre-commit; server hooks read the cache only
  kAlways,  // server hooks too
  kNever,   // only the cache (filled some other way)
};

struct KubernetesConfig {
  // Unset: the newest version found in the schema store.
  std::optional<KubernetesVersion> version;
  // Schema stores (folders; absolute, resolved against the config file's folder) and
  // kubeconform-style locations (core/schema_store/schema_location.h: a URL or path template
  // with `{{ .ResourceKind }}`), tried in this order. Empty: the default store
  // (core/schema_store/schema_store.h).
  std::vector<std::string> schemas;
  SchemaFetch fetch = SchemaFetch::kAuto;
  std::string cache;              // where fetched schemas are kept; "": the default cache folder
  std::vector<std::string> crds;  // folders or files of CRD manifests (absolute)
  bool strict = true;
  UnknownKinds unknown_kinds = UnknownKinds::kWarn;
};

// `kubernetes:` reader for the top-level key table (config_keys.cc).
struct Config;
void read_kubernetes_section(ConfigReader& reader, NodeRef value, const std::string& key_path,
                             Config& config);

std::span<const KeySpec<KubernetesConfig>> kubernetes_keys();
std::span<const EnumValue<UnknownKinds>> unknown_kinds_values();
std::span<const EnumValue<SchemaFetch>> schema_fetch_values();

}  // namespace pushgate
