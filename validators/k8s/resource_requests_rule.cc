#include "validators/k8s/resource_requests_rule.h"

namespace pushgate {

namespace {

// Where a resources finding points: the map that lacks the value, else the container.
struct Anchor {
  NodeRef node;
  std::string path;
};

Anchor anchor(const ContainerRef& c, std::string_view section) {
  const NodeRef resources = c.node.get("resources");
  if (resources.get(section).is_mapping()) {
    return {resources.get(section), c.path + ".resources." + std::string(section)};
  }
  if (resources.is_mapping()) return {resources, c.path + ".resources"};
  return {c.node, c.path};
}

bool has(const ContainerRef& c, std::string_view section, std::string_view name) {
  const NodeRef value = c.node.get("resources").get(section).get(name);
  return value && value.kind() != NodeKind::kNull;
}

}  // namespace

void ResourceRequestsRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                     FindingList& out) const {
  for (const ContainerRef& c : containers_of(pod)) {
    if (c.kind == ContainerRef::Kind::kEphemeral) continue;
    const bool cpu = has(c, "requests", "cpu");
    const bool memory = has(c, "requests", "memory");
    if (cpu && memory) continue;
    const Anchor at = anchor(c, "requests");
    const std::string missing = !cpu && !memory ? "cpu or memory request"
                                : !cpu          ? "cpu request"
                                                : "memory request";
    out.push_back(report(object, at.node, at.path,
                         container_label(c) + " has no " + missing +
                             "; set resources.requests from its observed usage"));
  }
}

}  // namespace pushgate
