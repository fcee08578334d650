#pragma once
#include "validators/k8s/image_rule.h"

namespace pushgate {

// k8s/image-latest: a container image has no tag, or the tag `latest`, and no
// digest. The image then changes under the same manifest: rollbacks do not roll back, and two
// nodes may run different code. Judged as applied (kustomize `images:`; image_rule.h).
class ImageLatestRule final : public ImageRule {
 public:
  std::string_view rule() const override { return "k8s/image-latest"; }

 protected:
  std::optional<Problem> judge(const ContainerRef& c, std::string_view image) const override;
};

}  // namespace pushgate
