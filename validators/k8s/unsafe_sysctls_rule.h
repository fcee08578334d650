#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/unsafe-sysctls: the pod sets a sysctl outside the Pod Security baseline's
// safe set. Other sysctls are not namespaced per pod: they change the node for every pod on it.
class UnsafeSysctlsRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/unsafe-sysctls"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
