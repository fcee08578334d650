#include "validators/k8s/privileged_rule.h"

namespace pushgate {

void PrivilegedRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                               FindingList& out) const {
  for (const ContainerRef& c : containers_of(pod)) {
    const NodeRef privileged = c.node.get("securityContext").get("privileged");
    if (!is_true(privileged)) continue;
    out.push_back(report(object, privileged, c.path + ".securityContext.privileged",
                         container_label(c) +
                             " runs privileged, with root's full power over the node; remove "
                             "`privileged: true` and add only the capabilities it needs"));
  }
}

}  // namespace pushgate
