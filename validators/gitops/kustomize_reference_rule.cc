#include "validators/gitops/kustomize_reference_rule.h"

#include <algorithm>

#include <map>
#include <optional>
#include <string>

#include "core/tree/change_set.h"
#include "core/tree/kustomization_file.h"
#include "validators/applied_forms.h"
#include "validators/gitops/kustomize_graph.h"
#include "validators/object_validator.h"

namespace pushgate {
namespace {

struct Resolved {
  const KustomizeReference* reference;
  std::optional<std::string> path;  // empty: leaves the repository
};

bool has_kustomization(const TreeView& tree, std::string_view folder) {
  for (std::string_view name : kKustomizationNames) {
    if (tree.has_file(folder.empty() ? std::string(name)
                                     : std::string(folder) + "/" + std::string(name))) {
      return true;
    }
  }
  return false;
}

// The finding's message for `written` (as written: never a resolved or server path) in `field`.
std::string outside_root(std::string_view written, std::string_view field) {
  return "`" + std::string(written) + "` in " + std::string(field) +
         " points outside the repository root; kustomize builds only from files in this "
         "repository, so move what it needs into it";
}

// Why `path` (resolved, inside the tree) cannot be read as `target`, or "" when it can.
std::string problem(const TreeView& tree, const KustomizeReference& ref, const std::string& path) {
  const std::string quoted = "`" + ref.path + "` in " + ref.field;
  // Files, symlinks and submodules all count: kustomize reads them from the checkout.
  if (tree.find(path) != nullptr) return "";
  if (tree.submodule_of(path) != nullptr) return "";  // inside a submodule: not visible here
  if (tree.has_directory(path)) {
    if (ref.target == ReferenceTarget::kFile) {
      return quoted + " is a folder, not a file; name the file to read";
    }
    if (has_kustomization(tree, path)) return "";
    return quoted + " is a folder without a kustomization.yaml, which kustomize cannot build; " +
           "add one that lists its files, or list the files themselves";
  }
  return quoted + " does not exist in the tree (looked for `" + path +
         "`); fix the path, or add the file";
}

void check_kustomization(const TreeView& tree, const Entry& entry,
                         const std::vector<Resolved>& resolved, FindingList& out) {
  std::map<std::string, const KustomizeReference*> resources;  // resolved path -> first listing
  for (const Resolved& r : resolved) {
    const KustomizeReference& ref = *r.reference;
    auto report = [&](std::string message) {
      out.push_back(Finding::at("gitops/kustomize-reference", Severity::kError, entry.path,
                                ref.node.position(), std::move(message)));
      out.back().span =
          static_cast<std::uint32_t>(ref.node.end().line == ref.node.position().line
                                         ? ref.node.end().column - ref.node.position().column
                                         : 0);
    };
    const bool remote = is_remote_reference(ref.path);
    if (ref.resource) {
      const std::string key = remote || !r.path ? ref.path : *r.path;
      auto [first, inserted] = resources.try_emplace(key, &ref);
      if (!inserted) {
        report("`" + ref.path + "` is listed twice in " + ref.field + " (first at line " +
               std::to_string(first->second->node.position().line) +
               "); remove one: kustomize refuses a resource it already added");
        continue;
      }
    }
    if (remote || is_glob_reference(ref.path)) continue;  // gitops/kustomize-remote-base
    if (!r.path) {
      report(outside_root(ref.path, ref.field));
      continue;
    }
    std::string message = problem(tree, ref, *r.path);
    if (!message.empty()) report(std::move(message));
  }
}

// The `kustomize.patches` paths and `components` of one Argo CD source (`source`, at
// `json_path`): Argo CD appends them to the kustomization at the source's path, so one that
// leaves the repository from there is refused like a kustomization's own.
void check_argo_source(const ObjectContext& object, NodeRef source, const std::string& json_path,
                       FindingList& out) {
  const NodeRef path = source.get("path");
  const NodeRef kustomize = source.get("kustomize");
  if (!path.is_string() || !kustomize.is_mapping() || is_argo_template(path.text())) return;
  // A source path that leaves the tree is gitops/argo-source-path's.
  const std::optional<std::string> folder =
      path_in_tree("", path.text().empty() ? "." : path.text());
  if (!folder) return;
  auto judge = [&](NodeRef written, const std::string& field, const std::string& at) {
    if (!written.is_string() || is_remote_reference(written.text()) ||
        is_argo_template(written.text())) {
      return;
    }
    if (path_in_tree(*folder, written.text())) return;
    out.push_back(object.finding("gitops/kustomize-reference", Severity::kError, written,
                                 json_path + ".kustomize." + at,
                                 outside_root(written.text(), field)));
  };
  const NodeRef patches = kustomize.get("patches");
  for (std::size_t i = 0; patches.is_sequence() && i < patches.size(); ++i) {
    const std::string index = "[" + std::to_string(i) + "]";
    judge(patches.item(i).get("path"), "kustomize.patches", "patches" + index + ".path");
  }
  const NodeRef components = kustomize.get("components");
  for (std::size_t i = 0; components.is_sequence() && i < components.size(); ++i) {
    judge(components.item(i), "kustomize.components", "components[" + std::to_string(i) + "]");
  }
}

// Applications, and the template of ApplicationSets (its path and paths not templated).
void check_argo_paths(const FileContext& file, FindingList& out) {
  for_each_object(file, [&](const ObjectContext& object) {
    if (object.group() != "argoproj.io") return;
    std::string at = "spec";
    NodeRef spec = object.root.get("spec");
    if (object.kind == "ApplicationSet") {
      at = "spec.template.spec";
      spec = spec.get("template").get("spec");
    } else if (object.kind != "Application") {
      return;
    }
    check_argo_source(object, spec.get("source"), at + ".source", out);
    const NodeRef sources = spec.get("sources");
    for (std::size_t i = 0; sources.is_sequence() && i < sources.size(); ++i) {
      check_argo_source(object, sources.item(i), at + ".sources[" + std::to_string(i) + "]", out);
    }
  });
}

}  // namespace

void KustomizeReferenceRule::check_run(const RunContext& run, FindingList& out) const {
  if (run.tree == nullptr) return;
  const TreeView& tree = *run.tree;
  const ChangeSet changes(run.changed, run.deleted);
  if (changes.empty()) return;
  // What an Argo CD Application says depends on its own text only: the run's files.
  for (const FileContext& file : run.files) check_argo_paths(file, out);
  for (const Entry& entry : tree.entries()) {
    if (!is_kustomization_path(entry.path)) continue;
    const std::string_view folder = parent_folder(entry.path);
    // Whether the change reaches this kustomization, from what it lists (the object index's
    // summary in a hook: no parse); only one it reaches is parsed and judged.
    if (!changes.contains(entry.path)) {
      const std::optional<KustomizationSummary> listed = read_kustomization(tree, entry);
      if (!listed) continue;
      const bool reached = std::any_of(listed->references.begin(), listed->references.end(),
                                       [&](const SummarizedReference& ref) {
                                         if (is_remote_reference(ref.path)) return false;
                                         const std::optional<std::string> path =
                                             resolve_tree_path(folder, ref.path);
                                         return path && changes.affects(*path);
                                       });
      if (!reached) continue;
    }
    const TreeFile* file = tree.file(entry.path);
    if (file == nullptr || !file->parsed) continue;
    const NodeRef root = kustomization_root(*file->parsed);
    if (!root) continue;
    const std::vector<KustomizeReference> references = kustomize_references(root);
    // Reached (above), so judged: its summary lists what the parse gives (the same blob).
    std::vector<Resolved> resolved;
    for (const KustomizeReference& ref : references) {
      Resolved r{&ref, std::nullopt};
      if (!is_remote_reference(ref.path)) r.path = resolve_tree_path(folder, ref.path);
      resolved.push_back(std::move(r));
    }
    check_kustomization(tree, entry, resolved, out);
  }
}

}  // namespace pushgate
