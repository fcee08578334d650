#pragma once
#include "validators/k8s/kind_rule.h"
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// gitops/helm-chart-version-unpinned: a Flux HelmRelease (or HelmChart) asks for a chart
// without a fixed version: `version` missing, `*`, or a semver range (`>=1.2`, `~1.4`, `1.x`). The
// release then upgrades itself whenever the chart repository publishes, without a commit.
class HelmChartVersionUnpinnedRule final : public KindRule {
 public:
  std::string_view rule() const override { return "gitops/helm-chart-version-unpinned"; }
  bool wants_kind(std::string_view kind) const override {
    return kind == "HelmRelease" || kind == "HelmChart";
  }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
