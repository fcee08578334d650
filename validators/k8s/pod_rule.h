#pragma once
// Base for rules that judge the pod of a workload (Pod, Deployment, StatefulSet, DaemonSet,
// ReplicaSet, ReplicationController, Job, CronJob, Argo Rollout): the pod template is found once
// (workload.h) and handed to check_pod. Findings carry the rule's default severity; the policy
// pass (core/policy/policy_pass.h) applies profiles, overrides, scopes and exemptions.
//
//   class HostPidRule final : public PodRule {
//     std::string_view rule() const override { return "k8s/host-pid"; }
//     void check_pod(const ObjectContext& object, const PodTemplate& pod,
//                    FindingList& out) const override {
//       if (pod.spec.get("hostPID").as_bool()) out.push_back(report(object, ...));
//     }
//   };
#include <string>

#include "validators/k8s/kind_rule.h"
#include "validators/k8s/workload.h"

namespace pushgate {

class PodRule : public KindRule {
 public:
  // The kinds find_pod_template knows.
  bool wants_kind(std::string_view kind) const final;
  void check_object(const ObjectContext& object, FindingList& out) const final;
  virtual void check_pod(const ObjectContext& object, const PodTemplate& pod,
                         FindingList& out) const = 0;

 protected:
  // A finding of this rule at `at` (the object when invalid), at the rule's default severity.
  Finding report(const ObjectContext& object, NodeRef at, std::string json_path,
                 std::string message) const;
};

// The same report for rules that judge other objects (Services, RBAC, Flux, ...).
Finding report_object(const Validator& rule, const ObjectContext& object, NodeRef at,
                      std::string json_path, std::string message);

// True for a scalar `true` (YAML booleans only: "true" in quotes is a string, as the API reads it).
inline bool is_true(NodeRef node) {
  return node.kind() == NodeKind::kBool && node.as_bool();
}

// The kinds whose pod template find_pod_template knows (PodRule::wants_kind).
bool is_pod_kind(std::string_view kind);

// How a container is named in messages: `container "web"`, `init container "setup"`.
std::string container_label(const ContainerRef& container);

}  // namespace pushgate
