#include "validators/schema/kubernetes_schema_validator.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "core/schema/crd_loader.h"
#include "core/schema_store/builtin_store.h"
#include "core/schema_store/schema_location.h"
#include "core/schema_store/schema_store.h"
#include "validators/object_validator.h"
#include "validators/schema/api_removals.h"

namespace pushgate {
namespace {

std::string_view base_name(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view dir_name(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

// "apps/base" + "../patches/x.yaml" → "apps/patches/x.yaml"; "" when it leaves the repository.
std::string join_relative(std::string_view dir, std::string_view relative) {
  std::filesystem::path joined =
      (std::filesystem::path(std::string(dir)) / std::string(relative)).lexically_normal();
  std::string text = joined.generic_string();
  if (text.starts_with("..") || joined.is_absolute()) return {};
  return text;
}

bool is_crd_file(const ParsedFile& file) {
  for (const Document& doc : file.documents) {
    const NodeRef root = doc.root();
    if (root.is_mapping() && root.get("kind").text() == "CustomResourceDefinition" &&
        root.get("apiVersion").text().starts_with("apiextensions.k8s.io/")) {
      return true;
    }
  }
  return false;
}

// Git sets GIT_QUARANTINE_PATH for pre-receive hooks (git ≥ 2.11): the server's store applies.
bool in_server_hook() {
  return std::getenv("GIT_QUARANTINE_PATH") != nullptr;
}

}  // namespace

namespace {

bool is_kustomization_name(std::string_view path) {
  const std::string_view name = base_name(path);
  return name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization";
}

void add_patch_files(const ParsedFile& file, std::set<std::string>& patches) {
  const std::string_view dir = dir_name(file.path);
  for (const Document& doc : file.documents) {
    const NodeRef root = doc.root();
    if (!root.is_mapping()) continue;
    if (const NodeRef list = root.get("patchesStrategicMerge"); list.is_sequence()) {
      for (std::size_t i = 0; i < list.size(); ++i) {
        // Inline patches are YAML text, not file names.
        if (list.item(i).is_string() && list.item(i).text().find('\n') == std::string_view::npos) {
          if (std::string path = join_relative(dir, list.item(i).text()); !path.empty()) {
            patches.insert(std::move(path));
          }
        }
      }
    }
    if (const NodeRef list = root.get("patches"); list.is_sequence()) {
      for (std::size_t i = 0; i < list.size(); ++i) {
        const NodeRef path_node =
            list.item(i).is_mapping() ? list.item(i).get("path") : list.item(i);
        if (path_node.is_string()) {
          if (std::string path = join_relative(dir, path_node.text()); !path.empty()) {
            patches.insert(std::move(path));
          }
        }
      }
    }
  }
}

}  // namespace

std::set<std::string> kustomize_patch_files(std::span<const FileContext> files) {
  std::set<std::string> patches;
  for (const FileContext& ctx : files) {
    if (is_kustomization_name(ctx.file.path)) add_patch_files(ctx.file, patches);
  }
  return patches;
}

std::set<std::string> kustomize_patch_files(const RunContext& run) {
  std::set<std::string> patches = kustomize_patch_files(run.files);
  // A patch pushed alone is still a patch: its kustomization is in the tree, unchanged (the
  // whole-tree rules parse every kustomization of the run anyway; the view caches them).
  if (run.tree != nullptr) {
    for (const Entry& entry : run.tree->entries()) {
      if (!is_kustomization_name(entry.path)) continue;
      if (const TreeFile* file = run.tree->file(entry.path); file && file->parsed) {
        add_patch_files(*file->parsed, patches);
      }
    }
  }
  return patches;
}

KubernetesSchemaValidator::KubernetesSchemaValidator(const KubernetesConfig& config,
                                                     std::string config_path)
    : config_(config), config_path_(std::move(config_path)) {
  const bool hook = in_server_hook();
  stores_ = resolve_schema_stores(config.schemas, hook);
  SchemaFetchOptions fetch;
  fetch.cache_dir = config.cache.empty() ? default_schema_cache(hook) : config.cache;
  // A push waits on the hook: the network is used there only when the operator said so.
  fetch.network =
      config.fetch == SchemaFetch::kAlways || (config.fetch == SchemaFetch::kAuto && !hook);
  cache_ = std::make_unique<KindSchemaCache>(stores_, config.version,
                                             KubernetesSchemaOptions{.strict = config.strict},
                                             config.crds, std::move(fetch));
}

void KubernetesSchemaValidator::check_run(const RunContext& run, FindingList& out) const {
  // No schemas at all would pass every object unchecked: fail closed, once, at the config.
  bool have_version = false;
  if (const std::optional<KubernetesVersion>& version = cache_->version()) {
    for (const std::string& store : stores_) {
      // A location template serves whatever version it names; a missing file is a missing kind.
      if (SchemaLocation::looks_like_location(store)) have_version = true;
      for (const KubernetesVersion& held : store_versions(store)) have_version |= held == *version;
    }
  }
  if (!have_version) {
    std::string stores;
    for (const std::string& store : stores_) stores += (stores.empty() ? "" : ", ") + store;
    out.push_back(Finding::at(
        "schema/store", Severity::kError, config_path_, Position{},
        "no Kubernetes " + (config_.version ? config_.version->text() + " " : std::string()) +
            "schemas in the schema store (" + stores +
            "); import them with `pushgate schemas import DIR --store STORE`"));
  }
  // A store that lost or changed files since import, or was imported from a partial set of
  // documents, would pass objects as unknown kinds: fail closed (store_manifest.h).
  for (std::string& message : cache_->store_damage()) {
    out.push_back(
        Finding::at("schema/store", Severity::kError, config_path_, Position{}, std::move(message)));
  }
  for (Finding& finding : cache_->take_crd_findings()) out.push_back(std::move(finding));

  KindSchemaSet run_crds;
  for (const FileContext& file : run.files) {
    if (!is_crd_file(file.file)) continue;
    CrdLoad load = load_crds(file.file, KubernetesSchemaOptions{.strict = config_.strict});
    run_crds.merge(load.schemas);
    for (Finding& finding : load.findings) out.push_back(std::move(finding));
  }
  const std::set<std::string> patch_files = kustomize_patch_files(run);
  // Files are independent once the run's CRDs are known: validate them on a few threads (the
  // cache compiles each kind once; compiled schemas are immutable) and keep the file order.
  std::vector<FindingList> per_file(run.files.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < run.files.size(); i = next++) {
      check_objects(run.files[i], run_crds, patch_files, per_file[i]);
    }
  };
  const std::size_t threads = std::min<std::size_t>(
      {std::max(1u, std::thread::hardware_concurrency()), 4, run.files.size()});
  std::vector<std::thread> workers;
  for (std::size_t t = 1; t < threads; ++t) workers.emplace_back(work);
  work();
  for (std::thread& worker : workers) worker.join();
  for (FindingList& findings : per_file) {
    for (Finding& finding : findings) out.push_back(std::move(finding));
  }
}

void KubernetesSchemaValidator::check_objects(const FileContext& file,
                                              const KindSchemaSet& run_crds,
                                              const std::set<std::string>& patch_files,
                                              FindingList& out) const {
  const bool is_patch = patch_files.contains(file.file.path);
  ViolationList violations;
  for_each_object(file, [&](const ObjectContext& object) {
    const GroupVersionKind kind =
        GroupVersionKind::from_api_version(object.api_version, object.kind);
    const CompiledSchema* schema = run_crds.find(kind);
    std::string error;
    if (schema == nullptr) {
      KindSchemaCache::Lookup found = cache_->find(kind);
      schema = found.schema;
      error = std::move(found.error);
    }
    if (!error.empty()) {
      out.push_back(object.finding("schema/store", Severity::kError, NodeRef(), "",
                                   object.display() + " cannot be validated: " + error));
      return;
    }
    if (schema == nullptr) {
      if (config_.unknown_kinds == UnknownKinds::kIgnore) return;
      // Kustomize's own files (Kustomization, Component) are build inputs, not API objects.
      if (kind.group == "kustomize.config.k8s.io") return;
      // A removed API version has no schema by definition; schema/removed-api says why.
      if (config_.version && find_api_removal(object.api_version, object.kind)) return;
      out.push_back(object.finding(
          "schema/unknown-kind",
          config_.unknown_kinds == UnknownKinds::kError ? Severity::kError : Severity::kWarning,
          object.root.get("kind"), "kind",
          "no schema for " + std::string(object.kind) + " " + std::string(object.api_version) +
              " (" + object.display() +
              "); import its CRD or schemas with `pushgate schemas "
              "import`, list its CRD folder under `kubernetes.crds`, or check the apiVersion"));
      return;
    }
    violations.clear();
    schema->validate(object.root, violations);
    for (const Violation& violation : violations) {
      if (is_patch && violation.rule == "schema/required") continue;  // a partial object
      // Strategic-merge directives ($patch: delete, $setElementOrder/..., $retainKeys).
      if (is_patch && violation.rule == "schema/additional-property" &&
          violation.node.is_scalar() && violation.node.text().starts_with('$')) {
        continue;
      }
      Finding finding = to_finding(violation, file.file.path);
      finding.message = object.display() + ": " + finding.message;
      finding.object = object.object_id();
      finding.json_path = object.json_prefix + violation.json_path;
      out.push_back(std::move(finding));
    }
  });
}

}  // namespace pushgate
