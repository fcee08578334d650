#pragma once
#include <memory>

#include "validators/validator.h"

namespace re2 {
class RE2;
}

namespace pushgate {

// gitops/helm-chart: a Helm chart's Chart.yaml that Helm refuses to load — no or an unknown
// apiVersion, no name, a version that is not SemVer (as Helm reads it) — or a `file://`
// dependency whose folder is not a chart in the tree (missing, or outside the repository).
// Judged across the tree: a push that deletes a chart another chart depends on is rejected at
// the dependency. In a push, the charts it changed and those whose file:// dependencies it
// touched are judged; their findings equal a full check's.
class HelmChartRule final : public Validator {
 public:
  HelmChartRule();
  ~HelmChartRule() override;
  std::string_view rule() const override { return "gitops/helm-chart"; }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;

 private:
  std::unique_ptr<re2::RE2> semver_;  // compiled once, shared (RE2 matching is thread-safe)
};

}  // namespace pushgate
