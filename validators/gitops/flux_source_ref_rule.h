#pragma once
#include <string>
#include <vector>

#include "validators/validator.h"

namespace pushgate {

// gitops/flux-source-ref: a Flux Kustomization's spec.sourceRef, a HelmRelease's
// spec.chart.spec.sourceRef or spec.chartRef names a kind Flux does not accept there, or a name
// that no source of that kind in the tree has (while the tree defines some of that kind). When
// the tree defines none of the kind, gitops/flux-source-external warns instead. Option
// `external`: sources known to live elsewhere ("name" or "namespace/name"), never reported by
// either rule.
class FluxSourceRefRule final : public Validator {
 public:
  explicit FluxSourceRefRule(const PoliciesConfig& policies);
  std::string_view rule() const override { return "gitops/flux-source-ref"; }
  bool wants_run() const override { return true; }
  bool wants_base_tree() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;

 private:
  std::vector<std::string> external_;
};

}  // namespace pushgate
