#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/resource-requests: a container sets no CPU or no memory request. The
// scheduler then places the pod as if it needed nothing, and under pressure it is the first to be
// evicted.
class ResourceRequestsRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/resource-requests"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
