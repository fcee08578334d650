#include "validators/k8s/service_node_port_rule.h"

namespace pushgate {

void ServiceNodePortRule::check_object(const ObjectContext& object, FindingList& out) const {
  if (object.kind != "Service" || !object.group().empty()) return;
  const NodeRef type = object.root.get("spec").get("type");
  if (!type.is_string() || type.text() != "NodePort") return;
  out.push_back(
      report_object(*this, object, type, "spec.type",
                    "service " + std::string(object.name) +
                        " is of type NodePort, which opens the port on every node of the cluster, "
                        "outside any ingress or load balancer policy; use a ClusterIP Service "
                        "behind an Ingress or Gateway"));
}

}  // namespace pushgate
