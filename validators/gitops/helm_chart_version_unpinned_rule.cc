#include "validators/gitops/helm_chart_version_unpinned_rule.h"

#include "validators/gitops/chart_version.h"

namespace pushgate {

void HelmChartVersionUnpinnedRule::check_object(const ObjectContext& object,
                                                FindingList& out) const {
  NodeRef chart_spec;
  std::string path;
  if (object.group() == "helm.toolkit.fluxcd.io" && object.kind == "HelmRelease") {
    const NodeRef spec = object.root.get("spec");
    // spec.chartRef points at an OCIRepository or HelmChart: the pin lives there.
    if (!spec.is_mapping() || spec.get("chartRef")) return;
    chart_spec = spec.get("chart").get("spec");
    path = "spec.chart.spec";
  } else if (object.group() == "source.toolkit.fluxcd.io" && object.kind == "HelmChart") {
    chart_spec = object.root.get("spec");
    path = "spec";
  } else {
    return;
  }
  if (!chart_spec.is_mapping()) return;
  const std::string chart(chart_spec.get_string("chart"));
  const NodeRef version = chart_spec.get("version");
  if (!version || version.kind() == NodeKind::kNull) {
    out.push_back(report_object(*this, object, chart_spec.get("chart"), path + ".chart",
                                "chart " + chart + " of " + object.display() +
                                    " has no version, so Flux installs whatever is newest; set " +
                                    path + ".version to an exact version"));
    return;
  }
  if (!version.is_scalar() || is_exact_version(version.text())) return;
  out.push_back(report_object(*this, object, version, path + ".version",
                              "chart " + chart + " of " + object.display() + " follows `" +
                                  std::string(version.text()) +
                                  "`, so it upgrades without a commit; pin an exact version"));
}

}  // namespace pushgate
