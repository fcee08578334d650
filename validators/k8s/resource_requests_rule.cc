#include "validators/k8s/resource_requests_rule.h"

#include "validators/k8s/container_resources.h"

namespace pushgate {

void ResourceRequestsRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                     FindingList& out) const {
  for (const ContainerRef& c : containers_of(pod)) {
    if (c.kind == ContainerRef::Kind::kEphemeral) continue;
    const bool cpu = has_resource(c, "requests", "cpu");
    const bool memory = has_resource(c, "requests", "memory");
    if (cpu && memory) continue;
    const ResourcesAnchor at = resources_anchor(c, "requests");
    const std::string missing = !cpu && !memory ? "cpu or memory request"
                                : !cpu          ? "cpu request"
                                                : "memory request";
    out.push_back(report(object, at.node, at.path,
                         container_label(c) + " has no " + missing +
                             "; set resources.requests from its observed usage"));
  }
}

}  // namespace pushgate
