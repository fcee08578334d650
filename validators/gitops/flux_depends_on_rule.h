#pragma once
#include <string>
#include <vector>

#include "validators/gitops/reference_report.h"
#include "validators/validator.h"

namespace pushgate {

// gitops/flux-depends-on: every spec.dependsOn entry of a Flux Kustomization or HelmRelease
// names an object of the same kind that the tree defines (namespace defaulting to the
// dependent's own; compared only when both sides state one), and the dependencies form no
// cycle. A cycle is reported once, at the dependsOn entry of its member first in path order,
// spelled out (`a -> b -> a`). Option `external`: dependencies defined elsewhere ("name" or
// "namespace/name").
class FluxDependsOnRule final : public Validator {
 public:
  explicit FluxDependsOnRule(const PoliciesConfig& policies);
  std::string_view rule() const override { return "gitops/flux-depends-on"; }
  bool wants_run() const override { return true; }
  bool wants_base_tree() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;

 private:
  std::vector<ReferenceProblem> missing(const InventoryObject& object, const FluxTree& tree) const;
  void report_cycles(const RunContext& run, FindingList& out) const;
  std::vector<std::string> external_;
};

}  // namespace pushgate
