#include "validators/gitops/deprecated_api_version_rule.h"

namespace pushgate {

namespace {

struct Replacement {
  std::string_view group;
  std::string_view version;  // deprecated
  std::string_view kind;     // "" for every kind of the group
  std::string_view current;  // the apiVersion to use
};

// From the CRDs of Flux 2.6 (which still served these, deprecated) and 2.9 (which does not).
constexpr Replacement kReplacements[] = {
    {"helm.toolkit.fluxcd.io", "v2beta1", "", "helm.toolkit.fluxcd.io/v2"},
    {"helm.toolkit.fluxcd.io", "v2beta2", "", "helm.toolkit.fluxcd.io/v2"},
    {"kustomize.toolkit.fluxcd.io", "v1beta1", "", "kustomize.toolkit.fluxcd.io/v1"},
    {"kustomize.toolkit.fluxcd.io", "v1beta2", "", "kustomize.toolkit.fluxcd.io/v1"},
    {"source.toolkit.fluxcd.io", "v1beta1", "", "source.toolkit.fluxcd.io/v1"},
    {"source.toolkit.fluxcd.io", "v1beta2", "", "source.toolkit.fluxcd.io/v1"},
    {"notification.toolkit.fluxcd.io", "v1beta1", "Receiver", "notification.toolkit.fluxcd.io/v1"},
    {"notification.toolkit.fluxcd.io", "v1beta2", "Receiver", "notification.toolkit.fluxcd.io/v1"},
    {"notification.toolkit.fluxcd.io", "v1beta1", "", "notification.toolkit.fluxcd.io/v1beta3"},
    {"notification.toolkit.fluxcd.io", "v1beta2", "", "notification.toolkit.fluxcd.io/v1beta3"},
    {"image.toolkit.fluxcd.io", "v1beta1", "", "image.toolkit.fluxcd.io/v1"},
    {"image.toolkit.fluxcd.io", "v1beta2", "", "image.toolkit.fluxcd.io/v1"},
};

constexpr std::string_view kArgoKinds[] = {"Application", "ApplicationSet", "AppProject"};

}  // namespace

void DeprecatedApiVersionRule::check_object(const ObjectContext& object, FindingList& out) const {
  const NodeRef api_version = object.root.get("apiVersion");
  for (const Replacement& r : kReplacements) {
    if (object.group() != r.group || object.version() != r.version) continue;
    if (!r.kind.empty() && object.kind != r.kind) continue;
    out.push_back(report_object(*this, object, api_version, "apiVersion",
                                std::string(object.api_version) + " " + std::string(object.kind) +
                                    " is no longer served by current Flux (removed in 2.7+); "
                                    "use apiVersion " +
                                    std::string(r.current) + " (flux migrate rewrites it)"));
    return;
  }
  // The Helm Operator (Flux v1, end of life since 2022) read helm.fluxcd.io/v1 HelmReleases;
  // Flux v2's helm-controller reads helm.toolkit.fluxcd.io with the chart from a source object.
  if (object.group() == "helm.fluxcd.io" && object.kind == "HelmRelease") {
    out.push_back(report_object(
        *this, object, api_version, "apiVersion",
        std::string(object.api_version) +
            " HelmRelease is the removed Helm Operator API (Flux v1, end of life), which "
            "nothing reconciles today; migrate it to apiVersion helm.toolkit.fluxcd.io/v2: "
            "spec.chart.repository/name/version become spec.chart.spec.chart/version with a "
            "sourceRef to a HelmRepository of that repository URL, spec.values stays as is"));
    return;
  }
  if (object.group() == "argoproj.io" && object.version() != "v1alpha1") {
    for (std::string_view kind : kArgoKinds) {
      if (object.kind != kind) continue;
      out.push_back(report_object(*this, object, api_version, "apiVersion",
                                  std::string(object.api_version) + " " + std::string(kind) +
                                      " is not served by Argo CD; use apiVersion "
                                      "argoproj.io/v1alpha1"));
    }
  }
}

}  // namespace pushgate
