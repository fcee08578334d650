#include "validators/k8s/allow_privilege_escalation_rule.h"

namespace pushgate {
namespace {

// Pod Security restricted exempts Windows pods from this control.
bool is_windows(const PodTemplate& pod) {
  return pod.spec.get("os").get_string("name") == "windows";
}
}  // namespace

void AllowPrivilegeEscalationRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                             FindingList& out) const {
  if (is_windows(pod)) return;
  for (const ContainerRef& c : containers_of(pod)) {
    const NodeRef value = c.node.get("securityContext").get("allowPrivilegeEscalation");
    if (value.kind() == NodeKind::kBool && !value.as_bool()) continue;
    const bool set = value && value.kind() != NodeKind::kNull;
    out.push_back(report(
        object, set ? value : c.node,
        set ? c.path + ".securityContext.allowPrivilegeEscalation" : c.path,
        container_label(c) +
            (set ? " allows privilege escalation" : " does not forbid privilege escalation") +
            "; set `securityContext.allowPrivilegeEscalation: false`"));
  }
}

}  // namespace pushgate
