#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/selinux-options: the pod or a container sets SELinux options the Pod
// Security baseline forbids: a `type` other than container_t, container_init_t, container_kvm_t
// or container_engine_t, or any `user` or `role`.
class SelinuxOptionsRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/selinux-options"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
