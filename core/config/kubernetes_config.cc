#include "core/config/kubernetes_config.h"

#include <algorithm>
#include <array>
#include <filesystem>

#include "core/config/config.h"
#include "core/schema_store/builtin_store.h"
#include "core/schema_store/schema_location.h"

namespace pushgate {
namespace {

constexpr std::array<EnumValue<UnknownKinds>, 3> kUnknownKinds = {{
    {"error", UnknownKinds::kError},
    {"warn", UnknownKinds::kWarn},
    {"ignore", UnknownKinds::kIgnore},
}};

void read_version(ConfigReader& reader, NodeRef value, const std::string& key_path,
                  KubernetesConfig& kubernetes) {
  std::optional<KubernetesVersion> version;
  if (value.is_string()) version = parse_kubernetes_version(value.text());
  if (version) {
    kubernetes.version = version;
    return;
  }
  std::string message = "`" + key_path + "` must be a Kubernetes version such as \"1.35\", got " +
                        ConfigReader::describe(value);
  // `version: 1.30` is the float 1.3 to YAML: the classic typing accident.
  if (value.kind() == NodeKind::kFloat || value.kind() == NodeKind::kInt) {
    message += "; quote it: \"" + std::string(value.text()) + "\"";
  }
  reader.report(value, std::move(message));
}

std::optional<std::vector<std::string>> read_paths(ConfigReader& reader, NodeRef value,
                                                   const std::string& key_path) {
  if (!value.is_sequence()) {
    std::string message =
        "`" + key_path + "` must be a list of folders, got " + ConfigReader::describe(value);
    if (value.is_string()) message += "; write it as [" + std::string(value.text()) + "]";
    reader.report(value, std::move(message));
    return std::nullopt;
  }
  std::vector<std::string> paths;
  bool ok = true;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string item_path = key_path + "[" + std::to_string(i) + "]";
    std::optional<std::string> path = reader.read_string(value.item(i), item_path);
    if (!path) {
      ok = false;
      continue;
    }
    if (path->empty()) {
      reader.report(value.item(i), "`" + item_path + "` must not be empty; name a folder");
      ok = false;
      continue;
    }
    paths.push_back(std::move(*path));
  }
  if (!ok) return std::nullopt;
  return paths;
}

void read_schemas(ConfigReader& reader, NodeRef value, const std::string& key_path,
                  KubernetesConfig& kubernetes) {
  std::optional<std::vector<std::string>> paths = read_paths(reader, value, key_path);
  if (!paths) return;
  bool ok = true;
  for (std::size_t i = 0; i < paths->size(); ++i) {
    const std::string& location = (*paths)[i];
    if (!SchemaLocation::looks_like_location(location)) continue;
    Result<SchemaLocation> parsed = SchemaLocation::parse(location);
    if (!parsed) {
      reader.report(value.item(i),
                    "`" + key_path + "[" + std::to_string(i) +
                        "]` is not a usable schema location: " + parsed.error().message);
      ok = false;
    }
  }
  if (!ok) return;
  kubernetes.schemas = std::move(*paths);
}

void read_fetch(ConfigReader& reader, NodeRef value, const std::string& key_path,
                KubernetesConfig& kubernetes) {
  if (auto mode = reader.read_enum(value, key_path, schema_fetch_values())) {
    kubernetes.fetch = *mode;
  }
}

void read_cache(ConfigReader& reader, NodeRef value, const std::string& key_path,
                KubernetesConfig& kubernetes) {
  if (auto path = reader.read_string(value, key_path)) {
    if (path->empty()) {
      reader.report(value, "`" + key_path + "` must not be empty; name a folder");
      return;
    }
    kubernetes.cache = std::move(*path);
  }
}

void read_crds(ConfigReader& reader, NodeRef value, const std::string& key_path,
               KubernetesConfig& kubernetes) {
  if (auto paths = read_paths(reader, value, key_path)) kubernetes.crds = std::move(*paths);
}

void read_strict(ConfigReader& reader, NodeRef value, const std::string& key_path,
                 KubernetesConfig& kubernetes) {
  if (value.kind() == NodeKind::kBool) {
    kubernetes.strict = value.as_bool();
    return;
  }
  std::string message =
      "`" + key_path + "` must be true or false, got " + ConfigReader::describe(value);
  if (value.is_string()) message += "; write it without quotes";
  reader.report(value, std::move(message));
}

void read_unknown_kinds(ConfigReader& reader, NodeRef value, const std::string& key_path,
                        KubernetesConfig& kubernetes) {
  if (auto mode = reader.read_enum(value, key_path, unknown_kinds_values())) {
    kubernetes.unknown_kinds = *mode;
  }
}

constexpr std::array<EnumValue<SchemaFetch>, 3> kSchemaFetch = {{
    {"auto", SchemaFetch::kAuto},
    {"always", SchemaFetch::kAlways},
    {"never", SchemaFetch::kNever},
}};

constexpr std::array<KeySpec<KubernetesConfig>, 7> kKubernetesKeys = {{
    {"version", read_version},
    {"schemas", read_schemas},
    {"crds", read_crds},
    {"fetch", read_fetch},
    {"cache", read_cache},
    {"strict", read_strict},
    {"unknown_kinds", read_unknown_kinds},
}};

}  // namespace

void read_kubernetes_section(ConfigReader& reader, NodeRef value, const std::string& key_path,
                             Config& config) {
  KubernetesConfig kubernetes;
  reader.read_mapping(value, key_path, kubernetes_keys(), kubernetes);
  if (!value.is_mapping()) return;
  // A folder that is not there would validate nothing: say so now, not silently at push time.
  for (const char* key : {"schemas", "crds"}) {
    std::vector<std::string>& paths = key[0] == 's' ? kubernetes.schemas : kubernetes.crds;
    for (std::size_t i = 0; i < paths.size(); ++i) {
      if (key[0] == 's' && paths[i] == kBuiltinStoreName) continue;  // builtin_store.h
      if (key[0] == 's' && SchemaLocation::looks_like_location(paths[i])) {
        // Templates are checked by read_schemas; a local one is relative to the config too.
        if (!SchemaLocation::parse(paths[i]).value().remote()) {
          paths[i] = resolve_config_path(config.origin, paths[i]);
        }
        continue;
      }
      paths[i] = resolve_config_path(config.origin, paths[i]);
      std::error_code ec;
      if (!std::filesystem::exists(paths[i], ec)) {
        reader.report(value.get(key).item(i), "`" + key_path + "." + key + "[" + std::to_string(i) +
                                                  "]` " + paths[i] +
                                                  " does not exist; check the path (relative "
                                                  "paths are relative to the config file)");
      }
    }
  }
  if (!kubernetes.cache.empty())
    kubernetes.cache = resolve_config_path(config.origin, kubernetes.cache);
  // A location template names a Kubernetes version; without one it would be a guess.
  const bool has_location =
      std::any_of(kubernetes.schemas.begin(), kubernetes.schemas.end(),
                  [](const std::string& s) { return SchemaLocation::looks_like_location(s); });
  if (has_location && !kubernetes.version) {
    reader.report(value.get("schemas"),
                  "`" + key_path +
                      ".schemas` has a schema location template, which needs the target "
                      "version: add `version: \"1.30\"` (quoted) to `" +
                      key_path + "`");
  }
  config.kubernetes = std::move(kubernetes);
}

std::span<const KeySpec<KubernetesConfig>> kubernetes_keys() {
  return kKubernetesKeys;
}
std::span<const EnumValue<SchemaFetch>> schema_fetch_values() {
  return kSchemaFetch;
}

std::span<const EnumValue<UnknownKinds>> unknown_kinds_values() {
  return kUnknownKinds;
}

}  // namespace pushgate
