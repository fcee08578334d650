#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/host-pid: the pod sets `hostPID: true` (Pod Security baseline), sharing
// the node's process namespace: it can see and signal every process on the node.
class HostPidRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/host-pid"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
