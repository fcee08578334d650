#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/host-ipc: the pod sets `hostIPC: true` (Pod Security baseline), sharing
// the node's IPC namespace: it can read other processes' shared memory.
class HostIpcRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/host-ipc"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
