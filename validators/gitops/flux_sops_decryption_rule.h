#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "validators/gitops/kustomize_graph.h"
#include "validators/gitops/reference_report.h"
#include "validators/validator.h"

namespace pushgate {

// gitops/flux-sops-decryption (opt-in): a Flux Kustomization of this repository (its sourceRef
// is a GitRepository named in the `sources` option, as for gitops/flux-source-path) builds a
// `spec.path` that holds SOPS-encrypted files, but has no `spec.decryption` with
// `provider: sops`: Flux would apply the files still encrypted. When the path's folder has a
// kustomization, only the files it renders count; otherwise every file at or under the path.
class FluxSopsDecryptionRule final : public Validator {
 public:
  explicit FluxSopsDecryptionRule(const PoliciesConfig& policies);
  std::string_view rule() const override { return "gitops/flux-sops-decryption"; }
  bool wants_run() const override { return true; }
  bool wants_base_tree() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;

 private:
  using Graphs = std::map<const TreeView*, std::unique_ptr<KustomizeGraph>>;
  std::vector<ReferenceProblem> check(const InventoryObject& kustomization, const FluxTree& tree,
                                      Graphs& graphs) const;
  std::vector<std::string> sources_;  // GitRepository names ("name" or "namespace/name")
};

}  // namespace pushgate
