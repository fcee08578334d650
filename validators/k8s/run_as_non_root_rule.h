#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/run-as-non-root: a container may run as root: neither it nor the pod sets
// `securityContext.runAsNonRoot: true` (Pod Security restricted).
class RunAsNonRootRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/run-as-non-root"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
