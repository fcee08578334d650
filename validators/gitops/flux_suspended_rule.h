#pragma once
#include "validators/k8s/pod_rule.h"

#include <memory>

#include "core/base/glob.h"

namespace pushgate {

// gitops/flux-suspended: a Flux object sets `spec.suspend: true` in a push to a
// protected branch (the `branches` option, default refs/heads/main and refs/heads/master):
// reconciliation of production silently stops, and drift goes unnoticed.
class FluxSuspendedRule final : public ObjectValidator {
 public:
  explicit FluxSuspendedRule(const PoliciesConfig& policies);
  ~FluxSuspendedRule() override;
  std::string_view rule() const override { return "gitops/flux-suspended"; }
  void check_object(const ObjectContext& object, FindingList& out) const override;

 private:
  std::unique_ptr<GlobSet> branches_;  // protected refs; null when none could be compiled
};

}  // namespace pushgate
