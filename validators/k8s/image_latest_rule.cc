#include "validators/k8s/image_latest_rule.h"

#include "validators/k8s/image_reference.h"

namespace pushgate {

std::optional<ImageRule::Problem> ImageLatestRule::judge(const ContainerRef& c,
                                                         std::string_view image) const {
  const ImageReference ref = ImageReference::parse(image);
  if (!ref.mutable_tag()) return std::nullopt;
  return Problem{container_label(c) + " uses image `" + std::string(image) + "`" +
                 (ref.tag.empty() ? " without a tag" : "") +
                 ", which may change under it; pin a version tag or a digest"};
}

}  // namespace pushgate
