#pragma once
#include "validators/k8s/image_rule.h"

namespace pushgate {

// k8s/image-pull-policy: a container's `imagePullPolicy` does not fit its image:
// `Never` (pods fail on every node that lacks the image), or `IfNotPresent` with a mutable tag
// (nodes keep whatever `latest` was when they first pulled it). The image is judged as applied
// (kustomize `images:`; image_rule.h); the finding stays at `imagePullPolicy`.
class ImagePullPolicyRule final : public ImageRule {
 public:
  std::string_view rule() const override { return "k8s/image-pull-policy"; }

 protected:
  std::optional<Problem> judge(const ContainerRef& c, std::string_view image) const override;
};

}  // namespace pushgate
