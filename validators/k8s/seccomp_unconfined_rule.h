#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/seccomp-unconfined: the pod or a container sets its seccomp profile to
// `Unconfined` (Pod Security baseline), or a legacy seccomp annotation says `unconfined`: every
// system call of the kernel is then open to it.
class SeccompUnconfinedRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/seccomp-unconfined"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
