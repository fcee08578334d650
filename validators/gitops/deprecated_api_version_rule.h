#pragma once
#include "validators/gitops/flux_kinds.h"
#include "validators/k8s/kind_rule.h"
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// gitops/deprecated-api-version: a Flux or Argo CD object uses an API version the current
// controllers no longer serve (Flux 2.9 serves only v1 / v2 / notification v1beta3; Argo CD serves
// argoproj.io/v1alpha1).
class DeprecatedApiVersionRule final : public KindRule {
 public:
  std::string_view rule() const override { return "gitops/deprecated-api-version"; }
  bool wants_kind(std::string_view kind) const override {
    return is_flux_kind(kind) || kind == "Application" || kind == "ApplicationSet" ||
           kind == "AppProject";
  }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
