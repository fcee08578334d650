#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/image-pull-policy: a container's `imagePullPolicy` does not fit its image:
// `Never` (pods fail on every node that lacks the image), or `IfNotPresent` with a mutable tag
// (nodes keep whatever `latest` was when they first pulled it).
class ImagePullPolicyRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/image-pull-policy"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
