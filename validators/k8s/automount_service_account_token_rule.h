#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/automount-service-account-token: the pod does not set
// `automountServiceAccountToken: false`, so every container gets a Kubernetes API token it may not
// need.
class AutomountServiceAccountTokenRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/automount-service-account-token"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
