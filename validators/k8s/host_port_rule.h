#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/host-port: a container port sets `hostPort` (Pod Security baseline). It binds
// the node's own port, bypassing network policy, and makes two replicas collide on one node.
class HostPortRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/host-port"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
