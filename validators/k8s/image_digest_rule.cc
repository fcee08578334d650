#include "validators/k8s/image_digest_rule.h"

#include "validators/k8s/image_reference.h"

namespace pushgate {

void ImageDigestRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                FindingList& out) const {
  for (const ContainerRef& c : containers_of(pod)) {
    const NodeRef image = c.node.get("image");
    if (!image.is_string() || image.text().empty() || has_substitution(image.text())) continue;
    if (!ImageReference::parse(image.text()).digest.empty()) continue;
    out.push_back(report(object, image, c.path + ".image",
                         container_label(c) + " uses image `" + std::string(image.text()) +
                             "` without a digest; pin it as name:tag@sha256:<digest>"));
  }
}

}  // namespace pushgate
