#pragma once
#include <string>
#include <vector>

#include "validators/validator.h"

namespace pushgate {

// gitops/flux-source-path (opt-in): a Flux Kustomization (kustomize.toolkit.fluxcd.io) whose
// sourceRef is a GitRepository of this repository (named in the `sources` option, e.g.
// flux-system) has a `spec.path` that is no folder of the tree that would land. The path is
// resolved from the repository root, as Flux resolves it from the source's root. A push judges
// the Kustomizations it changed and — when it deletes anything — every one of the tree.
class FluxSourcePathRule final : public Validator {
 public:
  explicit FluxSourcePathRule(const PoliciesConfig& policies);
  std::string_view rule() const override { return "gitops/flux-source-path"; }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;

 private:
  void check_file_in_tree(const TreeView& tree, const FileContext& file, FindingList& out) const;
  std::vector<std::string> sources_;  // GitRepository names ("name" or "namespace/name")
};

}  // namespace pushgate
