#pragma once
// Which plain folders of a tree something applies as one set: a Flux Kustomization's
// `spec.path` (that folder and every folder below it, as kustomize-controller generates a
// kustomization for a plain path recursively) and an Argo CD Application's source path (that
// folder; below it only with `directory.recurse: true`). Built once per run from the tree's
// object inventory. Knows nothing of rules or findings; paths with Flux variables (`${CLUSTER}`)
// or Argo templates are not resolved, so they cover nothing.
//
//   const ApplyRoots roots(tree);
//   if (roots.applies(folder)) ...
#include <set>
#include <string>
#include <string_view>

#include "core/tree/tree_view.h"

namespace pushgate {

class ApplyRoots {
 public:
  explicit ApplyRoots(const TreeView& tree);
  // True when a Flux Kustomization or an Argo CD Application applies `folder` ("" = root).
  bool applies(std::string_view folder) const;
  // A Flux Kustomization or Argo CD Application path, normalized ("./apps/" -> "apps", "./" ->
  // ""); nullopt-like "\x01" for a path that cannot be resolved here. Exposed for tests.
  static std::string normalize(std::string_view path);

 private:
  std::set<std::string, std::less<>> recursive_;  // Flux paths; Argo with directory.recurse
  std::set<std::string, std::less<>> exact_;      // Argo paths without recursion
};

// True when `path` (a tree path) is the object of a Flux Kustomization or an Argo CD
// Application / ApplicationSet: a change to it can change what ApplyRoots says.
bool defines_apply_roots(const TreeView& tree, std::string_view path);

}  // namespace pushgate
