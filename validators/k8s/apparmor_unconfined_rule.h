#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/apparmor-unconfined: the pod or a container runs without AppArmor
// (Pod Security baseline): `appArmorProfile.type: Unconfined`, or a legacy
// `container.apparmor.security.beta.kubernetes.io/*` annotation that is neither `runtime/default`
// nor `localhost/*`.
class ApparmorUnconfinedRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/apparmor-unconfined"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
