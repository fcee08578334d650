#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/run-as-user-root: the pod or a container sets `runAsUser: 0` (Pod Security
// restricted): it runs as root, whatever the image says.
class RunAsUserRootRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/run-as-user-root"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
