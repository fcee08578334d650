#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/privileged: a container runs with `securityContext.privileged: true` (Pod Security
// baseline). A privileged container holds every capability of root on the node and can reach its
// devices: one bug in it is a node compromise.
class PrivilegedRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/privileged"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
