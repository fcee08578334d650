#include "core/schema_store/schema_store.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace pushgate {
namespace {

namespace fs = std::filesystem;

std::string getenv_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::string(value) : std::string();
}

std::vector<std::string> sorted_children(const fs::path& dir, bool directories) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::error_code type_ec;
    if (directories ? entry.is_directory(type_ec) : entry.is_regular_file(type_ec)) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

std::string default_schema_store(bool hook_mode) {
  if (std::string env = getenv_or_empty("PUSHGATE_SCHEMAS"); !env.empty()) return env;
  if (hook_mode) return "/var/lib/pushgate/schemas";
  if (std::string xdg = getenv_or_empty("XDG_DATA_HOME"); !xdg.empty()) {
    return xdg + "/pushgate/schemas";
  }
  return getenv_or_empty("HOME") + "/.local/share/pushgate/schemas";
}

std::string default_schema_cache(bool hook_mode) {
  if (hook_mode) return "/var/cache/pushgate/schemas";
  if (std::string xdg = getenv_or_empty("XDG_CACHE_HOME"); !xdg.empty()) {
    return xdg + "/pushgate/schemas";
  }
  return getenv_or_empty("HOME") + "/.cache/pushgate/schemas";
}

bool is_store_name(std::string_view name) {
  if (name.empty() || name.size() > 253 || name == "." || name == "..") return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-';
  });
}

std::optional<std::string> kind_file_path(const std::string& store,
                                          const KubernetesVersion& version,
                                          const GroupVersionKind& kind) {
  const std::string group = kind.group.empty() ? "core" : kind.group;
  if (!is_store_name(group) || !is_store_name(kind.version) || !is_store_name(kind.kind)) {
    return std::nullopt;
  }
  return store + "/kubernetes/v" + version.text() + "/" + group + "/" + kind.version + "/" +
         kind.kind + ".json";
}

std::optional<std::string> crd_file_path(const std::string& store, std::string_view group,
                                         std::string_view kind) {
  if (!is_store_name(group) || !is_store_name(kind)) return std::nullopt;
  return store + "/crds/" + std::string(group) + "/" + std::string(kind) + ".json";
}

std::vector<KubernetesVersion> store_versions(const std::string& store) {
  std::vector<KubernetesVersion> versions;
  for (const std::string& name : sorted_children(fs::path(store) / "kubernetes", true)) {
    if (auto version = parse_kubernetes_version(name)) versions.push_back(*version);
  }
  std::sort(versions.begin(), versions.end());
  return versions;
}

StoreListing list_store(const std::string& store) {
  StoreListing listing;
  for (const KubernetesVersion& version : store_versions(store)) {
    const fs::path root = fs::path(store) / "kubernetes" / ("v" + version.text());
    for (const std::string& group : sorted_children(root, true)) {
      for (const std::string& api : sorted_children(root / group, true)) {
        for (const std::string& file : sorted_children(root / group / api, false)) {
          if (!file.ends_with(".json")) continue;
          listing.kinds.push_back({version, GroupVersionKind{group == "core" ? "" : group, api,
                                                             file.substr(0, file.size() - 5)}});
        }
      }
    }
  }
  const fs::path crds = fs::path(store) / "crds";
  for (const std::string& group : sorted_children(crds, true)) {
    for (const std::string& file : sorted_children(crds / group, false)) {
      if (file.ends_with(".json")) listing.crds.push_back({group, file.substr(0, file.size() - 5)});
    }
  }
  return listing;
}

}  // namespace pushgate
