#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/read-only-root-filesystem: a container does not set
// `securityContext.readOnlyRootFilesystem: true`. A writable root file system lets an intruder
// change the container's binaries and hide tools in it.
class ReadOnlyRootFilesystemRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/read-only-root-filesystem"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
