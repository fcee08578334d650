#include "validators/k8s/resource_limits_rule.h"

#include "validators/k8s/container_resources.h"

namespace pushgate {

void ResourceLimitsRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                   FindingList& out) const {
  for (const ContainerRef& c : containers_of(pod)) {
    if (c.kind == ContainerRef::Kind::kEphemeral || has_resource(c, "limits", "memory")) continue;
    const ResourcesAnchor at = resources_anchor(c, "limits");
    out.push_back(report(object, at.node, at.path,
                         container_label(c) +
                             " has no memory limit, so it can starve the node; set "
                             "resources.limits.memory"));
  }
}

}  // namespace pushgate
