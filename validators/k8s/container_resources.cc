#include "validators/k8s/container_resources.h"

namespace pushgate {

ResourcesAnchor resources_anchor(const ContainerRef& container, std::string_view section) {
  const NodeRef resources = container.node.get("resources");
  if (resources.get(section).is_mapping()) {
    return {resources.get(section), container.path + ".resources." + std::string(section)};
  }
  if (resources.is_mapping()) return {resources, container.path + ".resources"};
  return {container.node, container.path};
}

bool has_resource(const ContainerRef& container, std::string_view section, std::string_view name) {
  const NodeRef value = container.node.get("resources").get(section).get(name);
  return value && value.kind() != NodeKind::kNull;
}

}  // namespace pushgate
