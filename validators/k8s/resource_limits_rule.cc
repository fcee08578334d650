#include "validators/k8s/resource_limits_rule.h"

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

void ResourceLimitsRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                   FindingList& out) const {
  for (const ContainerRef& c : containers_of(pod)) {
    if (c.kind == ContainerRef::Kind::kEphemeral || has(c, "limits", "memory")) continue;
    const Anchor at = anchor(c, "limits");
    out.push_back(report(object, at.node, at.path,
                         container_label(c) +
                             " has no memory limit, so it can starve the node; set "
                             "resources.limits.memory"));
  }
}

}  // namespace pushgate
