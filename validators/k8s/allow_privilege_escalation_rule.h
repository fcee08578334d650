#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/allow-privilege-escalation: a container does not set
// `securityContext.allowPrivilegeEscalation: false` (Pod Security restricted). Unless it is false,
// a process can gain more privileges than its parent (setuid binaries, file capabilities).
class AllowPrivilegeEscalationRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/allow-privilege-escalation"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
