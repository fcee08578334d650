#pragma once
#include "validators/k8s/image_rule.h"

namespace pushgate {

// k8s/image-digest: a container image is not pinned by digest (`@sha256:…`). Tags
// can be moved; a digest names exactly one image. Opt-in. Judged as applied (kustomize
// `images:`; image_rule.h).
class ImageDigestRule final : public ImageRule {
 public:
  std::string_view rule() const override { return "k8s/image-digest"; }

 protected:
  std::optional<Problem> judge(const ContainerRef& c, std::string_view image) const override;
};

}  // namespace pushgate
