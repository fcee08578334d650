#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/volume-types: the pod uses a volume type Pod Security restricted does not
// allow: only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected
// and secret are. (hostPath is k8s/host-path's finding.)
class VolumeTypesRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/volume-types"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
