#include "validators/k8s/image_latest_rule.h"

#include "validators/k8s/image_reference.h"

namespace pushgate {

void ImageLatestRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                FindingList& out) const {
  for (const ContainerRef& c : containers_of(pod)) {
    const NodeRef image = c.node.get("image");
    if (!image.is_string() || image.text().empty() || has_substitution(image.text())) continue;
    const ImageReference ref = ImageReference::parse(image.text());
    if (!ref.mutable_tag()) continue;
    out.push_back(report(object, image, c.path + ".image",
                         container_label(c) + " uses image `" + std::string(image.text()) + "`" +
                             (ref.tag.empty() ? " without a tag" : "") +
                             ", which may change under it; pin a version tag or a digest"));
  }
}

}  // namespace pushgate
