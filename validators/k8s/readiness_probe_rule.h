#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/readiness-probe: a container of a long-running workload has no `readinessProbe`: it gets
// traffic before it can serve, and keeps getting it when it cannot.
class ReadinessProbeRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/readiness-probe"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
