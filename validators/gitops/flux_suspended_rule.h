#pragma once
#include "validators/gitops/flux_kinds.h"
#include "validators/k8s/kind_rule.h"
#include "validators/k8s/pod_rule.h"

#include <memory>

#include "core/base/glob.h"

namespace pushgate {

// gitops/flux-suspended: a Flux object sets `spec.suspend: true` in a push to a
// protected branch (the `branches` option, default refs/heads/main and refs/heads/master):
// reconciliation of production silently stops, and drift goes unnoticed.
class FluxSuspendedRule final : public KindRule {
 public:
  explicit FluxSuspendedRule(const PoliciesConfig& policies);
  ~FluxSuspendedRule() override;
  std::string_view rule() const override { return "gitops/flux-suspended"; }
  bool wants_kind(std::string_view kind) const override { return is_flux_kind(kind); }
  void check_object(const ObjectContext& object, FindingList& out) const override;

 private:
  std::unique_ptr<GlobSet> branches_;  // protected refs; null when none could be compiled
};

}  // namespace pushgate
