#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/proc-mount: a container sets `securityContext.procMount` to anything but
// `Default` (Pod Security baseline). `Unmasked` exposes the node's /proc paths the runtime
// normally hides.
class ProcMountRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/proc-mount"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
