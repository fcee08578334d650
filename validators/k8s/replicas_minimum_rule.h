#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/replicas-minimum: a Deployment, StatefulSet, ReplicaSet or Rollout runs fewer
// replicas than the rule's `min` option (default 2). Opt-in: scope it to the paths or namespaces
// of the environments that need it (`paths: [clusters/prod/**]`).
class ReplicasMinimumRule final : public ObjectValidator {
 public:
  explicit ReplicasMinimumRule(const PoliciesConfig& policies);
  std::string_view rule() const override { return "k8s/replicas-minimum"; }
  void check_object(const ObjectContext& object, FindingList& out) const override;

 private:
  std::int64_t minimum_;
};

}  // namespace pushgate
