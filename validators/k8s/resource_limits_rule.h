#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/resource-limits: a container sets no memory limit. One leaking container can
// then take the node's memory and get its neighbours killed. (CPU limits are left to the team:
// they throttle more than they protect.)
class ResourceLimitsRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/resource-limits"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
