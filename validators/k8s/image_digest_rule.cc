#include "validators/k8s/image_digest_rule.h"

#include "validators/k8s/image_reference.h"

namespace pushgate {

std::optional<ImageRule::Problem> ImageDigestRule::judge(const ContainerRef& c,
                                                         std::string_view image) const {
  if (!ImageReference::parse(image).digest.empty()) return std::nullopt;
  return Problem{container_label(c) + " uses image `" + std::string(image) +
                 "` without a digest; pin it as name:tag@sha256:<digest>"};
}

}  // namespace pushgate
