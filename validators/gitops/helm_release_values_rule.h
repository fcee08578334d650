#pragma once
#include <string>
#include <vector>

#include "validators/validator.h"

namespace pushgate {

// gitops/helm-release-values (opt-in): the values a GitOps object gives a Helm chart of this
// repository do not conform to the chart's values.schema.json — a Flux HelmRelease's
// `spec.values` when its `spec.chart.spec.chart` is a chart folder and its sourceRef a
// GitRepository named in the `sources` option (as gitops/flux-source-path), and an Argo CD
// Application's `helm.valuesObject` when its source's repoURL is one of the `repositories`
// option's URLs and its `path` a chart folder. Positions are inside the object. Checked like a
// values override (gitops/helm-values-schema): `required` is not, since the chart's values.yaml
// and other values sources are merged first. A push reports what it broke or touched.
class HelmReleaseValuesRule final : public Validator {
 public:
  explicit HelmReleaseValuesRule(const PoliciesConfig& policies);
  std::string_view rule() const override { return "gitops/helm-release-values"; }
  bool wants_run() const override { return true; }
  bool wants_base_tree() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;

 private:
  std::vector<std::string> sources_;       // GitRepository names, or namespace/name
  std::vector<std::string> repositories_;  // normalized as argo-source-path does
};

}  // namespace pushgate
