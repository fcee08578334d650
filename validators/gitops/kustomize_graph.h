#pragma once
// Every kustomization of a tree and what each renders, read once per run from a TreeView: which
// files and which other kustomizations it includes (resources, bases, components), and the
// namespace, namePrefix and nameSuffix it sets. Shared by whole-tree gitops rules.
//
//   const KustomizeGraph graph(tree);
//   for (const KustomizationNode& k : graph.nodes()) graph.render(k, [&](const RenderedFile& f)
//   {...});
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/tree/tree_view.h"

namespace pushgate {

struct KustomizationNode {
  std::string path;                     // the kustomization file
  std::string folder;                   // its folder ("" = root)
  std::vector<std::string> files;       // resource files it lists that exist, resolved
  std::vector<std::string> folders;     // folders with a kustomization it lists, resolved
  std::vector<std::string> referenced;  // every local path it names, resolved (any field)
  std::string namespace_;               // `namespace:`, "" when unset
  std::string name_prefix;
  std::string name_suffix;
};

// One file a kustomization renders, with the name transformations on the way to the root.
struct RenderedFile {
  std::string path;
  std::string namespace_;  // the outermost `namespace:` on the way, "" when none
  std::string name_prefix;
  std::string name_suffix;
};

// The kustomization at `entry` as written: from its summary in the object index when the tree has
// one (no parse), else from the file, parsed once per run by the tree. Nullopt: unreadable, or
// not a kustomize Kustomization (e.g. a Flux Kustomization that happens to be named so).
std::optional<KustomizationSummary> read_kustomization(const TreeView& tree, const Entry& entry);

class KustomizeGraph {
 public:
  explicit KustomizeGraph(const TreeView& tree);
  const std::vector<KustomizationNode>& nodes() const { return nodes_; }
  // The kustomization kustomize would read in `folder`, or nullptr.
  const KustomizationNode* in_folder(std::string_view folder) const;
  // Every file `root` renders, each once, depth first; cycles are cut. `paths` receives every
  // path the render depends on (kustomizations and the paths they name), for change tracking.
  std::vector<RenderedFile> render(const KustomizationNode& root,
                                   std::set<std::string>* paths = nullptr) const;
  // True when some kustomization includes `path` (as a resource, patch or generator input) or
  // lies in its folder.
  bool covers(std::string_view path) const;

 private:
  std::vector<KustomizationNode> nodes_;
  std::map<std::string, std::size_t, std::less<>> by_folder_;
  std::set<std::string, std::less<>> included_files_;
};

}  // namespace pushgate
