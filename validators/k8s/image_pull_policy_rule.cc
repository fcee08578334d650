#include "validators/k8s/image_pull_policy_rule.h"

#include "validators/k8s/image_reference.h"

namespace pushgate {

void ImagePullPolicyRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                    FindingList& out) const {
  for (const ContainerRef& c : containers_of(pod)) {
    const NodeRef policy = c.node.get("imagePullPolicy");
    if (!policy.is_string()) continue;
    const std::string path = c.path + ".imagePullPolicy";
    if (policy.text() == "Never") {
      out.push_back(report(object, policy, path,
                           container_label(c) +
                               " never pulls its image, so it fails on any node that lacks it; "
                               "use IfNotPresent with a pinned tag"));
      continue;
    }
    const NodeRef image = c.node.get("image");
    if (policy.text() != "IfNotPresent" || !image.is_string() || image.text().empty() ||
        has_substitution(image.text()) || !ImageReference::parse(image.text()).mutable_tag()) {
      continue;
    }
    out.push_back(report(object, policy, path,
                         container_label(c) + " pulls `" + std::string(image.text()) +
                             "` only if absent, so nodes keep stale copies of a mutable tag; "
                             "pin a version tag, or use imagePullPolicy: Always"));
  }
}

}  // namespace pushgate
