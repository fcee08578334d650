#include "core/schema_store/store_manifest.h"

#include <git2.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/base/replace_file.h"
#include "core/git/library.h"

namespace pushgate {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kManifestFormat = 1;
// A 1.35 manifest is ~100 KiB; anything far bigger is not one.
constexpr std::size_t kMaxManifestBytes = 16 * 1024 * 1024;
// Problems named in one message; the rest are counted.
constexpr std::size_t kMaxNamedProblems = 5;

fs::path version_root(const std::string& store, const KubernetesVersion& version) {
  return fs::path(store) / "kubernetes" / ("v" + version.text());
}

std::string file_of(const GroupVersionKind& kind) {
  return (kind.group.empty() ? std::string("core") : kind.group) + "/" + kind.version + "/" +
         kind.kind + ".json";
}

struct Required {
  const char* api_version;
  const char* kind;
  int since_minor;
};

// GA kinds still served by 1.35, with the minor version that made them GA. Deliberately the
// kinds GitOps repositories are made of, not every kind: a missing one of these means the store
// was imported from a partial set of documents.
constexpr Required kRequired[] = {
    {"v1", "Pod", 0},
    {"v1", "Service", 0},
    {"v1", "ConfigMap", 0},
    {"v1", "Secret", 0},
    {"v1", "Namespace", 0},
    {"v1", "ServiceAccount", 0},
    {"v1", "PersistentVolumeClaim", 0},
    {"apps/v1", "Deployment", 9},
    {"apps/v1", "StatefulSet", 9},
    {"apps/v1", "DaemonSet", 9},
    {"apps/v1", "ReplicaSet", 9},
    {"batch/v1", "Job", 0},
    {"batch/v1", "CronJob", 21},
    {"rbac.authorization.k8s.io/v1", "Role", 8},
    {"rbac.authorization.k8s.io/v1", "RoleBinding", 8},
    {"rbac.authorization.k8s.io/v1", "ClusterRole", 8},
    {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding", 8},
    {"networking.k8s.io/v1", "NetworkPolicy", 7},
    {"networking.k8s.io/v1", "Ingress", 19},
    {"policy/v1", "PodDisruptionBudget", 21},
    {"autoscaling/v2", "HorizontalPodAutoscaler", 23},
    {"apiextensions.k8s.io/v1", "CustomResourceDefinition", 16},
};

std::optional<std::string> read_small(const fs::path& path, std::size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text(limit + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad() || static_cast<std::size_t>(in.gcount()) > limit) return std::nullopt;
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

}  // namespace

std::string store_manifest_path(const std::string& store, const KubernetesVersion& version) {
  return (version_root(store, version) / kStoreManifestName).string();
}

std::string store_file_checksum(std::string_view bytes) {
  GitLibrary library;
  git_oid oid;
  if (git_odb_hash(&oid, bytes.data(), bytes.size(), GIT_OBJECT_BLOB) != 0) return "";
  char hex[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(hex, sizeof hex, &oid);
  return hex;
}

std::vector<GroupVersionKind> required_builtin_kinds(const KubernetesVersion& version) {
  std::vector<GroupVersionKind> kinds;
  for (const Required& r : kRequired) {
    if (version.major == 1 && version.minor < r.since_minor) continue;
    kinds.push_back(GroupVersionKind::from_api_version(r.api_version, r.kind));
  }
  return kinds;
}

Status write_store_manifest(const std::string& store, const KubernetesVersion& version) {
  const fs::path root = version_root(store, version);
  json kinds = json::array();
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".json" &&
        it->path().filename() != kStoreManifestName) {
      files.push_back(it->path());
    }
  }
  if (ec) return Error{ErrorCode::kIo, "cannot list " + root.string() + ": " + ec.message()};
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    const fs::path relative = file.lexically_relative(root);
    std::vector<std::string> parts;
    for (const fs::path& part : relative) parts.push_back(part.string());
    if (parts.size() != 3) continue;  // not <group>/<version>/<Kind>.json
    std::optional<std::string> bytes = read_small(file, 64 * 1024 * 1024);
    if (!bytes) return Error{ErrorCode::kIo, "cannot read " + file.string()};
    const std::string group = parts[0] == "core" ? "" : parts[0];
    const GroupVersionKind kind{group, parts[1], file.stem().string()};
    kinds.push_back({{"apiVersion", kind.api_version()},
                     {"kind", kind.kind},
                     {"file", relative.generic_string()},
                     {"git_blob_sha1", store_file_checksum(*bytes)}});
  }
  json manifest = {{"format", kManifestFormat},
                   {"kubernetes_version", version.text()},
                   {"kinds", std::move(kinds)}};
  const fs::path path = store_manifest_path(store, version);
  return replace_file(path.string(), {manifest.dump(1), "\n"});
}

StoreManifestCheck check_store_manifest(const std::string& store,
                                        const KubernetesVersion& version) {
  StoreManifestCheck check;
  const fs::path root = version_root(store, version);
  const std::string path = store_manifest_path(store, version);
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) {
    check.problems.push_back(
        "it has no manifest.json (imported by a pushgate older than manifests, or copied in by "
        "hand), so missing or altered kind files cannot be detected");
    return check;
  }
  std::optional<std::string> text = read_small(path, kMaxManifestBytes);
  json manifest = text ? json::parse(*text, nullptr, /*allow_exceptions=*/false) : json();
  // value(key, json()) never throws: a field of the wrong type is just not equal.
  if (!text || manifest.is_discarded() || !manifest.is_object() ||
      manifest.value("format", json()) != json(kManifestFormat) ||
      !manifest.value("kinds", json()).is_array() ||
      manifest.value("kubernetes_version", json()) != json(version.text())) {
    check.problems.push_back("its manifest.json is unreadable, corrupt or for another version");
    return check;
  }
  StoreManifest parsed;
  for (const json& entry : manifest["kinds"]) {
    if (!entry.is_object() || !entry.value("file", json()).is_string() ||
        !entry.value("git_blob_sha1", json()).is_string()) {
      check.problems.push_back("its manifest.json has a malformed entry");
      return check;
    }
    const std::string file = entry["file"].get<std::string>();
    // Relative paths of three plain components only: a manifest never names a file elsewhere.
    const fs::path relative(file);
    if (relative.is_absolute() ||
        std::any_of(relative.begin(), relative.end(),
                    [](const fs::path& part) { return part == ".." || part == "."; })) {
      check.problems.push_back("its manifest.json names a file outside the version's folder");
      return check;
    }
    parsed.files[file] = entry["git_blob_sha1"].get<std::string>();
  }
  for (const auto& [file, checksum] : parsed.files) {
    std::error_code stat_ec;
    if (!fs::is_regular_file(root / file, stat_ec)) check.problems.push_back(file + " is missing");
  }
  for (const GroupVersionKind& kind : required_builtin_kinds(version)) {
    const std::string file = file_of(kind);
    if (!parsed.files.contains(file)) {
      check.problems.push_back("built-in " + kind.api_version() + " " + kind.kind +
                               " is not in it (" + file + ")");
    }
  }
  check.manifest = std::move(parsed);
  return check;
}

std::string store_damage_message(const std::string& store, const KubernetesVersion& version,
                                 const std::vector<std::string>& problems) {
  std::string message = "the schema store " + store + " is incomplete or damaged for Kubernetes " +
                        version.text() + ": ";
  for (std::size_t i = 0; i < problems.size() && i < kMaxNamedProblems; ++i) {
    message += (i == 0 ? "" : "; ") + problems[i];
  }
  if (problems.size() > kMaxNamedProblems) {
    message += "; and " + std::to_string(problems.size() - kMaxNamedProblems) + " more";
  }
  message +=
      "; import all of the version's OpenAPI documents again: `pushgate schemas import "
      "kubernetes/openapi/v" +
      version.text() + "/v3 --store " + store + "`";
  return message;
}

}  // namespace pushgate
