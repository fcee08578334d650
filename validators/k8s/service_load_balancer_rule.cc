#include "validators/k8s/service_load_balancer_rule.h"

namespace pushgate {

void ServiceLoadBalancerRule::check_object(const ObjectContext& object, FindingList& out) const {
  if (object.kind != "Service" || !object.group().empty()) return;
  const NodeRef type = object.root.get("spec").get("type");
  if (!type.is_string() || type.text() != "LoadBalancer") return;
  out.push_back(
      report_object(*this, object, type, "spec.type",
                    "service " + std::string(object.name) +
                        " is of type LoadBalancer, which asks the cloud for a load balancer, "
                        "usually public, for this one Service; use a ClusterIP Service "
                        "behind an Ingress or Gateway"));
}

}  // namespace pushgate
