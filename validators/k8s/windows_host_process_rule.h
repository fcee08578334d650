#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/windows-host-process: the pod or a container sets
// `securityContext.windowsOptions.hostProcess: true` (Pod Security baseline): a Windows
// HostProcess container runs directly on the node, with the node's privileges.
class WindowsHostProcessRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/windows-host-process"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
