#include "validators/gitops/kustomize_graph.h"

#include "core/tree/kustomization_file.h"

namespace pushgate {
namespace {

// Bounds the include depth: kustomize has no limit, but no real overlay nests anywhere near it.
constexpr int kMaxDepth = 64;

}  // namespace

std::optional<KustomizationSummary> read_kustomization(const TreeView& tree, const Entry& entry) {
  if (tree.has_summary_cache()) {
    if (const FileSummary* summary = tree.inventory().file(entry.path)) {
      return summary->kustomization;
    }
  }
  const TreeFile* file = tree.file(entry.path);
  if (file == nullptr || !file->parsed) return std::nullopt;
  return summarize_kustomization(*file->parsed);
}

KustomizeGraph::KustomizeGraph(const TreeView& tree) {
  for (const Entry& entry : tree.entries()) {
    if (!is_kustomization_path(entry.path)) continue;
    const std::string folder(parent_folder(entry.path));
    if (by_folder_.contains(folder)) continue;  // kustomize reads the first name it finds
    const std::optional<KustomizationSummary> kustomization = read_kustomization(tree, entry);
    if (!kustomization) continue;
    KustomizationNode node;
    node.path = entry.path;
    node.folder = folder;
    node.namespace_ = kustomization->namespace_;
    node.name_prefix = kustomization->name_prefix;
    node.name_suffix = kustomization->name_suffix;
    for (const SummarizedReference& ref : kustomization->references) {
      if (is_remote_reference(ref.path) || is_glob_reference(ref.path)) continue;
      std::optional<std::string> path = resolve_tree_path(folder, ref.path);
      if (!path) continue;
      node.referenced.push_back(*path);
      if (!ref.file_or_kustomization) continue;
      if (tree.has_file(*path)) {
        node.files.push_back(*path);
      } else if (tree.has_directory(*path)) {
        node.folders.push_back(*path);
      }
    }
    by_folder_.emplace(folder, nodes_.size());
    nodes_.push_back(std::move(node));
  }
  for (const KustomizationNode& node : nodes_) {
    // Resources, and what a kustomization reads in other ways: patches (partial objects, merged
    // into their targets) and generator inputs (data, not objects) from any folder.
    included_files_.insert(node.files.begin(), node.files.end());
    included_files_.insert(node.referenced.begin(), node.referenced.end());
  }
}

const KustomizationNode* KustomizeGraph::in_folder(std::string_view folder) const {
  auto it = by_folder_.find(folder);
  return it == by_folder_.end() ? nullptr : &nodes_[it->second];
}

std::vector<RenderedFile> KustomizeGraph::render(const KustomizationNode& root,
                                                 std::set<std::string>* paths) const {
  std::vector<RenderedFile> out;
  std::set<std::string> seen_files;
  std::vector<const KustomizationNode*> stack;
  // Transformations apply inside out: a kustomization's prefix wraps what its bases rendered,
  // and the outermost namespace wins.
  std::function<void(const KustomizationNode&, const RenderedFile&)> visit =
      [&](const KustomizationNode& node, const RenderedFile& outer) {
        if (stack.size() >= kMaxDepth) return;
        for (const KustomizationNode* open : stack) {
          if (open == &node) return;  // a cycle: kustomize refuses it; render it once
        }
        stack.push_back(&node);
        if (paths != nullptr) {
          paths->insert(node.path);
          paths->insert(node.referenced.begin(), node.referenced.end());
        }
        RenderedFile here;
        here.namespace_ = outer.namespace_.empty() ? node.namespace_ : outer.namespace_;
        here.name_prefix = outer.name_prefix + node.name_prefix;
        here.name_suffix = node.name_suffix + outer.name_suffix;
        for (const std::string& file : node.files) {
          if (!seen_files.insert(file).second) continue;
          RenderedFile rendered = here;
          rendered.path = file;
          out.push_back(std::move(rendered));
        }
        for (const std::string& folder : node.folders) {
          if (const KustomizationNode* child = in_folder(folder)) visit(*child, here);
        }
        stack.pop_back();
      };
  visit(root, RenderedFile{});
  return out;
}

bool KustomizeGraph::covers(std::string_view path) const {
  return included_files_.contains(path) || by_folder_.contains(parent_folder(path));
}

}  // namespace pushgate
