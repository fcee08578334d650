#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/host-path: the pod mounts a `hostPath` volume (Pod Security baseline). A
// host directory in a container reads or writes the node's files: credentials, the container
// runtime's socket, other pods' data.
class HostPathRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/host-path"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
