#include "validators/schema/kubernetes_schema_validator.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "core/base/did_you_mean.h"
#include "core/document/sops.h"
#include "core/kustomize/flux_substitution.h"
#include "core/schema/crd_loader.h"
#include "core/schema_store/builtin_store.h"
#include "core/schema_store/schema_location.h"
#include "core/schema_store/schema_store.h"
#include "validators/applied_forms.h"
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

// A scalar with a Flux envsubst placeholder `${VAR}`, `${VAR:=default}`, `${VAR:-default}`,
// `${VAR:+x}` (an escaped `$${VAR}` stays literal).
bool is_flux_placeholder_value(std::string_view text) {
  for (std::size_t at = text.find("${"); at != std::string_view::npos;
       at = text.find("${", at + 2)) {
    if (at > 0 && text[at - 1] == '$') continue;
    const std::size_t end = text.find('}', at + 2);
    if (end == std::string_view::npos || end == at + 2) continue;
    const char first = text[at + 2];
    if (first == '_' || (first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z')) {
      return true;
    }
  }
  return false;
}

// Built-in API groups (core, apps, batch, *.k8s.io): the store holds every kind of them, so a kind
// it lacks there is a mistake, not a CRD the store was not given.
bool is_builtin_group(std::string_view group) {
  return group.empty() || group.find('.') == std::string_view::npos || group.ends_with(".k8s.io");
}

// The kinds the stores hold for a built-in group/version; empty when none holds that
// group/version at all (an unserved or removed version: schema/removed-api's business).
std::vector<std::string> builtin_kinds(const std::vector<std::string>& stores,
                                       const KubernetesVersion& version,
                                       const GroupVersionKind& kind) {
  std::vector<std::string> kinds;
  for (const std::string& store : stores) {
    if (SchemaLocation::looks_like_location(store)) continue;
    const std::optional<std::string> file =
        kind_file_path(store, version, GroupVersionKind{kind.group, kind.version, "x"});
    if (!file) continue;
    std::error_code ec;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::filesystem::path(*file).parent_path(), ec)) {
      std::string name = entry.path().filename().string();
      if (!name.ends_with(".json")) continue;
      name.resize(name.size() - 5);
      if (name.ends_with("List") || name == "DeleteOptions" || name == "WatchEvent") continue;
      kinds.push_back(std::move(name));
    }
  }
  return kinds;
}

// The field a schema/required violation finds missing, generic ("webhooks[].clientConfig...").
std::string missing_field(const Violation& violation) {
  std::string path = violation.json_path;
  // "field `selector`" names the missing field under the violation's path; a field present but
  // null is the violation's path itself.
  const std::string& expected = violation.expected;
  if (expected.starts_with("field `") && expected.ends_with("`")) {
    const std::string name = expected.substr(7, expected.size() - 8);
    path = path.empty() ? name : path + "." + name;
  }
  return generic_field_path(path);
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
    out.push_back(Finding::at("schema/store", Severity::kError, config_path_, Position{},
                              std::move(message)));
  }
  for (Finding& finding : cache_->take_crd_findings()) out.push_back(std::move(finding));

  KindSchemaSet run_crds;
  for (const FileContext& file : run.files) {
    if (!is_crd_file(file.file)) continue;
    CrdLoad load = load_crds(file.file, KubernetesSchemaOptions{.strict = config_.strict});
    run_crds.merge(load.schemas);
    for (Finding& finding : load.findings) out.push_back(std::move(finding));
  }
  std::set<std::string> patch_files = kustomize_patch_files(run);
  patch_files.merge(argo_patch_files(run));  // Argo CD's patches by path are partial too
  // What kustomize and Flux fill in before applying (issue 13, classes 2 and 3).
  // Built once per run, shared with the other rules that judge objects as applied.
  const std::shared_ptr<const AppliedForms> shared_forms = run_applied_forms(run);
  const AppliedForms& forms = *shared_forms;
  // Files are independent once the run's CRDs are known: validate them on a few threads (the
  // cache compiles each kind once; compiled schemas are immutable) and keep the file order.
  std::vector<FindingList> per_file(run.files.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < run.files.size(); i = next++) {
      check_objects(run.files[i], run_crds, patch_files, forms, per_file[i]);
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
                                              const AppliedForms& forms, FindingList& out) const {
  // A file in a folder named `patches` is a patch by convention even when no kustomization names
  // it yet (kept for later, or used by a Flux Kustomization's spec.patches by copy).
  const bool is_patch =
      patch_files.contains(file.file.path) || base_name(dir_name(file.file.path)) == "patches";
  ViolationList violations;
  const std::vector<const Transformation*> reach = forms.reaching(file.file.path);
  // Flux substitutes `${VAR}` placeholders in the text before applying it: judge the text with
  // the values the tree knows (and the defaults) in place; what stays unknown is left as written
  // (and excused below). Positions go back to the text as written.
  std::optional<Substituted> substituted;
  std::optional<ParsedFile> substituted_file;
  if (file.file.format == FileFormat::kYaml && file.content.find("${") != std::string_view::npos) {
    Substituted s = flux_substitute(file.content, substitution_variables(reach));
    if (s.changed()) {
      ParseLimits limits;
      limits.max_bytes = std::max(limits.max_bytes, s.text.size() + 1);
      ParsedFile parsed = parse_yaml(file.file.path, s.text, limits);
      // A substitution that breaks the YAML (or its documents) is not modelled: as written.
      if (parsed.complete && parsed.findings.empty() &&
          parsed.documents.size() == file.file.documents.size()) {
        substituted = std::move(s);
        substituted_file = std::move(parsed);
      }
    }
  }
  const FileContext judged =
      substituted ? FileContext{*substituted_file, substituted->text, file.ref} : file;
  const std::size_t first_finding = out.size();
  for_each_object(judged, [&](const ObjectContext& object) {
    const AppliedObject applied = applied_object(object);
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
      // A built-in group whose version the store holds knows all its kinds: an error, with the
      // nearest kind (`apps/v1` `Deploymnet`).
      if (const std::optional<KubernetesVersion>& version = cache_->version();
          version && is_builtin_group(kind.group)) {
        const std::vector<std::string> kinds = builtin_kinds(stores_, *version, kind);
        if (!kinds.empty()) {
          std::vector<std::string_view> names(kinds.begin(), kinds.end());
          const std::string_view near = closest_name(object.kind, names);
          out.push_back(object.finding(
              "schema/unknown-kind", Severity::kError, object.root.get("kind"), "kind",
              "unknown kind " + std::string(object.kind) + " in " +
                  std::string(object.api_version) + " (" + object.display() + "), which has " +
                  std::to_string(kinds.size()) + " kinds in Kubernetes " + version->text() +
                  (near.empty() ? "; check the kind and the apiVersion"
                                : "; did you mean `" + std::string(near) + "`?")));
          return;
        }
      }
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
    // kubectl apply and Flux refuse an object without a name; generateName is only for create.
    if (!is_patch && !object.root.get("metadata").get("name") &&
        !object.root.get("metadata").get("generateName") &&
        !fills(reach, applied, "metadata.name")) {
      const NodeRef metadata = object.root.get("metadata");
      out.push_back(object.finding(
          "schema/required", Severity::kError, metadata ? metadata : object.root.get("kind"),
          "metadata.name",
          std::string(object.kind) + " " + std::string(object.api_version) +
              " has no metadata.name; kubectl apply and Flux refuse an object without one: "
              "add metadata.name"));
    }
    violations.clear();
    schema->validate(object.root, violations);
    // Flux decrypts SOPS documents before applying them: their `sops` metadata is not part of the
    // object, and an encrypted value stands for whatever scalar it decrypts to.
    const bool sops = is_sops_document(object.root);
    for (const Violation& violation : violations) {
      if (sops && violation.rule == "schema/additional-property" && violation.json_path == "sops") {
        continue;
      }
      if (sops && violation.node.is_string() && is_sops_encrypted_value(violation.node.text())) {
        continue;
      }
      // A Flux post-build placeholder (`${ACCESS_MODE:=ReadWriteOnce}`, `${APP}`) stands for a
      // value kustomize-controller substitutes before applying: its value is not known here.
      if (violation.node.is_string() && is_flux_placeholder_value(violation.node.text()) &&
          violation.rule != "schema/additional-property" && violation.rule != "schema/required") {
        continue;
      }
      if (is_patch && violation.rule == "schema/required") continue;  // a partial object
      // A field the kustomizations or Flux Kustomizations applying the file fill in (a selector
      // made by commonLabels, a child's interval from its parent's patch) is not missing.
      if (violation.rule == "schema/required" && !reach.empty() &&
          fills(reach, applied, missing_field(violation))) {
        continue;
      }
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
  if (substituted) {
    for (std::size_t i = first_finding; i < out.size(); ++i) {
      const Position at = out[i].position;
      out[i].position = substituted->original(at);
      // A value that was substituted: underline its placeholder, as the line shows it.
      for (const Substituted::Edit& edit : substituted->edits) {
        if (edit.line == at.line && edit.new_column <= at.column && at.column < edit.new_end) {
          out[i].span = edit.old_end - edit.old_column;
        }
      }
    }
  }
}

}  // namespace pushgate
