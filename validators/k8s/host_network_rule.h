#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/host-network: the pod sets `hostNetwork: true` (Pod Security baseline), sharing
// the node's network namespace: it can bind the node's ports and see its traffic.
class HostNetworkRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/host-network"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
