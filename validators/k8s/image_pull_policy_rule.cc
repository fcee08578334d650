#include "validators/k8s/image_pull_policy_rule.h"

#include "validators/k8s/image_reference.h"

namespace pushgate {

std::optional<ImageRule::Problem> ImagePullPolicyRule::judge(const ContainerRef& c,
                                                             std::string_view image) const {
  const NodeRef policy = c.node.get("imagePullPolicy");
  if (!policy.is_string()) return std::nullopt;
  if (policy.text() == "Never") {
    return Problem{container_label(c) +
                       " never pulls its image, so it fails on any node that lacks it; "
                       "use IfNotPresent with a pinned tag",
                   "imagePullPolicy", false};
  }
  if (policy.text() != "IfNotPresent" || !ImageReference::parse(image).mutable_tag()) {
    return std::nullopt;
  }
  return Problem{container_label(c) + " pulls `" + std::string(image) +
                     "` only if absent, so nodes keep stale copies of a mutable tag; "
                     "pin a version tag, or use imagePullPolicy: Always",
                 "imagePullPolicy", false};
}

}  // namespace pushgate
