#pragma once
#include "validators/k8s/kind_rule.h"
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/replicas-minimum: a Deployment, StatefulSet, ReplicaSet or Rollout runs fewer
// replicas than the rule's `min` option (default 2). Opt-in: scope it to the paths or namespaces
// of the environments that need it (`paths: [clusters/prod/**]`).
class ReplicasMinimumRule final : public KindRule {
 public:
  explicit ReplicasMinimumRule(const PoliciesConfig& policies);
  std::string_view rule() const override { return "k8s/replicas-minimum"; }
  bool wants_kind(std::string_view kind) const override {
    return kind == "Deployment" || kind == "StatefulSet" || kind == "ReplicaSet" ||
           kind == "Rollout";
  }
  void check_object(const ObjectContext& object, FindingList& out) const override;

 private:
  std::int64_t minimum_;
};

}  // namespace pushgate
