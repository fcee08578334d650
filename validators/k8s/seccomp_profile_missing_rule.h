#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/seccomp-profile-missing: a container has no seccomp profile: neither it nor
// the pod sets `seccompProfile.type` to RuntimeDefault or Localhost (Pod Security restricted).
// `Unconfined` is k8s/seccomp-unconfined's finding.
class SeccompProfileMissingRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/seccomp-profile-missing"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
