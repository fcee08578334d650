#include "validators/k8s/host_port_rule.h"

namespace pushgate {

void HostPortRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                             FindingList& out) const {
  for (const ContainerRef& c : containers_of(pod)) {
    const NodeRef ports = c.node.get("ports");
    for (std::size_t i = 0; i < ports.size(); ++i) {
      const NodeRef host_port = ports.item(i).get("hostPort");
      if (host_port.kind() != NodeKind::kInt || host_port.as_int() == 0) continue;
      out.push_back(report(object, host_port, c.path + ".ports[" + std::to_string(i) + "].hostPort",
                           container_label(c) + " binds the node's port " +
                               std::string(host_port.text()) +
                               " (hostPort); remove it and reach the pod through a Service"));
    }
  }
}

}  // namespace pushgate
