#include "validators/gitops/duplicate_object_rule.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "core/tree/change_set.h"
#include "core/tree/kustomization_file.h"
#include "validators/gitops/apply_roots.h"
#include "validators/gitops/kustomize_graph.h"
#include "validators/object_validator.h"

namespace pushgate {
namespace {

// Kinds without a namespace: kustomize's `namespace:` leaves them alone.
bool cluster_scoped(std::string_view kind) {
  static constexpr std::string_view kKinds[] = {"Namespace",
                                                "ClusterRole",
                                                "ClusterRoleBinding",
                                                "CustomResourceDefinition",
                                                "PriorityClass",
                                                "StorageClass",
                                                "PersistentVolume",
                                                "IngressClass",
                                                "RuntimeClass",
                                                "APIService",
                                                "ValidatingWebhookConfiguration",
                                                "MutatingWebhookConfiguration",
                                                "ValidatingAdmissionPolicy",
                                                "ValidatingAdmissionPolicyBinding",
                                                "CSIDriver",
                                                "Node",
                                                "ClusterIssuer",
                                                "ClusterSecretStore",
                                                "ClusterPolicy"};
  return std::find(std::begin(kKinds), std::end(kKinds), kind) != std::end(kKinds);
}

struct Occurrence {
  std::string path;
  Position position;
  std::string display;  // "Deployment shop/web"
  std::string object;   // finding.object
  int document = -1;
};

using Key = std::tuple<std::string, std::string, std::string, std::string>;  // group kind ns name

// One object of `rendered`, keyed as applied.
void add(const RenderedFile& rendered, std::string_view api_version, std::string_view kind,
         std::string_view object_namespace, std::string_view object_name, Position position,
         int document, std::map<Key, std::vector<Occurrence>>& objects) {
  if (object_name.empty()) return;  // generateName: a new object each time
  const bool scoped = cluster_scoped(kind);
  std::string namespace_(scoped ? std::string_view() : object_namespace);
  if (!scoped && !rendered.namespace_.empty()) namespace_ = rendered.namespace_;
  const std::size_t slash = api_version.find('/');
  const std::string_view group =
      slash == std::string_view::npos ? std::string_view() : api_version.substr(0, slash);
  // As kubectl kustomize renders it: a kustomization's `namespace:` renames the Namespace
  // objects it renders (kustomize's namespace fieldspecs: metadata/name of Namespace), and
  // namePrefix/nameSuffix leave Namespace and CustomResourceDefinition names alone.
  const bool namespace_object = kind == "Namespace" && group.empty();
  const bool unprefixed = namespace_object || kind == "CustomResourceDefinition";
  const std::string name =
      namespace_object && !rendered.namespace_.empty() ? rendered.namespace_
      : unprefixed                                     ? std::string(object_name)
                   : rendered.name_prefix + std::string(object_name) + rendered.name_suffix;
  Key key{std::string(group), std::string(kind), namespace_, name};
  std::string display =
      std::string(kind) + " " + (namespace_.empty() ? name : namespace_ + "/" + name);
  objects[key].push_back(Occurrence{rendered.path, position, std::move(display),
                                    std::string(api_version) + "/" + std::string(kind) + "/" +
                                        std::string(object_namespace) + "/" +
                                        std::string(object_name),
                                    document});
}

// The objects of `rendered`, keyed as applied. With the object index, from the file's summary
// (a lookup, no parse: a push then parses only what it changed); otherwise from the file, parsed
// once per run by the tree.
void collect(const TreeView& tree, const RenderedFile& rendered,
             std::map<Key, std::vector<Occurrence>>& objects) {
  if (is_kustomization_path(rendered.path)) return;
  if (tree.has_summary_cache()) {
    if (const FileSummary* summary = tree.inventory().file(rendered.path)) {
      for (const SummarizedObject& o : summary->objects) {
        if (o.api_version.empty()) continue;  // not an object (for_each_object's rule)
        add(rendered, o.api_version, o.kind, o.namespace_, o.name, o.position,
            static_cast<int>(o.document), objects);
      }
      return;
    }
  }
  const TreeFile* file = tree.file(rendered.path);
  if (file == nullptr || !file->parsed) return;
  const FileContext context{*file->parsed, file->content};
  for_each_object(context, [&](const ObjectContext& object) {
    add(rendered, object.api_version, object.kind, object.namespace_, object.name,
        object.root.position(), object.document.index(), objects);
  });
}

std::string where(const Occurrence& o) {
  return o.path + ":" + std::to_string(o.position.line) + ":" + std::to_string(o.position.column);
}

void report(std::map<Key, std::vector<Occurrence>>& objects, std::string_view together,
            std::set<std::tuple<std::string, std::uint32_t, std::uint32_t, std::string>>& seen,
            FindingList& out, Severity severity = Severity::kError) {
  for (auto& [key, all] : objects) {
    // By position, so that "also at" names the same place whichever set found the pair.
    std::sort(all.begin(), all.end(), [](const Occurrence& a, const Occurrence& b) {
      return std::tie(a.path, a.position.line, a.position.column) <
             std::tie(b.path, b.position.line, b.position.column);
    });
    if (all.size() < 2) continue;
    for (std::size_t i = 0; i < all.size(); ++i) {
      const Occurrence& here = all[i];
      const Occurrence& other = i == 0 ? all[1] : all[0];
      std::string message =
          here.display + " is defined twice in " + std::string(together) + " (also at " +
          where(other) +
          (severity == Severity::kError
               ? "); one silently replaces the other, or the build fails: keep one, "
                 "or give them different names"
               : "), which no Flux Kustomization, Argo CD Application or kustomization applies "
                 "as one set; if something applies them together, one replaces the other");
      if (!seen.emplace(here.path, here.position.line, here.position.column, message).second) {
        continue;
      }
      Finding f = Finding::at(severity == Severity::kError ? "gitops/duplicate-object"
                                                           : "gitops/duplicate-object-unapplied",
                              severity, here.path, here.position, std::move(message));
      f.object = here.object;
      f.document = here.document;
      out.push_back(std::move(f));
    }
  }
}

}  // namespace

void DuplicateObjectRule::check_run(const RunContext& run, FindingList& out) const {
  if (run.tree == nullptr) return;
  const TreeView& tree = *run.tree;
  const ChangeSet changes(run.changed, run.deleted);
  if (changes.empty()) return;
  const KustomizeGraph graph(tree);
  std::set<std::tuple<std::string, std::uint32_t, std::uint32_t, std::string>> seen;

  // What each kustomization renders, when the change reaches into it.
  for (const KustomizationNode& node : graph.nodes()) {
    if (unapplied_) break;  // kustomize builds are applied sets: gitops/duplicate-object's
    std::set<std::string> depends;
    const std::vector<RenderedFile> files = graph.render(node, &depends);
    const bool affected = std::any_of(depends.begin(), depends.end(),
                                      [&](const std::string& p) { return changes.affects(p); });
    if (!affected) continue;
    std::map<Key, std::vector<Occurrence>> objects;
    for (const RenderedFile& file : files) collect(tree, file, objects);
    report(objects, "one kustomize build", seen, out);
  }

  // Files no kustomization includes, folder by folder. A changed or deleted kustomization can
  // release files into their folder's set, wherever they are: then every folder is judged.
  bool every_folder = false;
  std::set<std::string_view> changed_folders;
  for (const Entry& e : run.changed) changed_folders.insert(parent_folder(e.path));
  for (const std::string& p : run.deleted) changed_folders.insert(parent_folder(p));
  for (const Entry& e : run.changed) every_folder = every_folder || is_kustomization_path(e.path);
  // A Flux Kustomization or Argo CD Application added or changed can make a folder an apply set
  // (removing one only turns its folders' errors into warnings).
  for (const Entry& e : run.changed) {
    every_folder = every_folder || defines_apply_roots(tree, e.path);
  }
  for (const std::string& p : run.deleted) every_folder = every_folder || is_kustomization_path(p);
  std::map<std::string, std::vector<const Entry*>, std::less<>> folders;
  auto add_entry = [&](const Entry& entry) {
    const bool regular = entry.mode == EntryMode::kFile || entry.mode == EntryMode::kExecutable;
    if (!regular || !tree.selected(entry.path) || graph.covers(entry.path)) return;
    folders[std::string(parent_folder(entry.path))].push_back(&entry);
  };
  if (every_folder) {
    for (const Entry& entry : tree.entries()) add_entry(entry);
  } else {
    // Only the changed folders are judged: list their own files, not the whole tree (a push of
    // one file into 10,000 costs what that folder holds).
    for (std::string_view folder : changed_folders) {
      for (const Entry& entry : tree.under(folder)) {
        if (parent_folder(entry.path) == folder) add_entry(entry);
      }
    }
  }
  // A plain folder is one apply set only where Flux or Argo CD applies it (apply_roots.h);
  // variants side by side in a folder nothing applies are at most a warning.
  std::optional<ApplyRoots> roots;
  for (const auto& [folder, entries] : folders) {
    if (!every_folder && !changed_folders.contains(folder)) continue;
    std::map<Key, std::vector<Occurrence>> objects;
    for (const Entry* e : entries) collect(tree, RenderedFile{e->path, "", "", ""}, objects);
    if (std::none_of(objects.begin(), objects.end(),
                     [](const auto& pair) { return pair.second.size() > 1; })) {
      continue;
    }
    if (!roots) roots.emplace(tree);
    if (roots->applies(folder) == unapplied_) continue;  // the other instance's folder
    report(objects, folder.empty() ? std::string("the repository root") : "folder " + folder + "/",
           seen, out, unapplied_ ? Severity::kWarning : Severity::kError);
  }
}

}  // namespace pushgate
