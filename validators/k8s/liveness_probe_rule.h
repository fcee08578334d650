#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/liveness-probe: a container of a long-running workload has no `livenessProbe`: a hung process
// is never restarted.
class LivenessProbeRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/liveness-probe"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
