#include "validators/k8s/replicas_minimum_rule.h"

namespace pushgate {

namespace {

constexpr std::int64_t kDefaultMinimum = 2;

}  // namespace

ReplicasMinimumRule::ReplicasMinimumRule(const PoliciesConfig& policies)
    : minimum_(kDefaultMinimum) {
  if (const RuleSetting* setting = policies.setting(rule())) {
    if (auto min = setting->options.integer("min")) minimum_ = *min;
  }
}

void ReplicasMinimumRule::check_object(const ObjectContext& object, FindingList& out) const {
  const std::string_view kind = object.kind;
  if (kind != "Deployment" && kind != "StatefulSet" && kind != "ReplicaSet" && kind != "Rollout") {
    return;
  }
  const NodeRef spec = object.root.get("spec");
  if (!spec.is_mapping()) return;
  const NodeRef replicas = spec.get("replicas");
  if (replicas.kind() == NodeKind::kInt && replicas.as_int() >= minimum_) return;
  if (replicas && replicas.kind() != NodeKind::kInt && replicas.kind() != NodeKind::kNull) return;
  const std::string want = std::to_string(minimum_);
  if (replicas.kind() == NodeKind::kInt) {
    out.push_back(report_object(*this, object, replicas, "spec.replicas",
                                "only " + std::string(replicas.text()) +
                                    (replicas.as_int() == 1 ? " replica" : " replicas") + " for " +
                                    object.display() + ", fewer than the " + want +
                                    " required here; raise spec.replicas"));
    return;
  }
  out.push_back(report_object(*this, object, spec, "spec",
                              "no replicas set for " + object.display() +
                                  ", so it runs 1, fewer than the " + want +
                                  " required here; set spec.replicas (or exempt it if an "
                                  "autoscaler manages it)"));
}

}  // namespace pushgate
