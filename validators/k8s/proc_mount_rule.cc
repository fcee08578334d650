#include "validators/k8s/proc_mount_rule.h"

namespace pushgate {

void ProcMountRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                              FindingList& out) const {
  for (const ContainerRef& c : containers_of(pod)) {
    const NodeRef mount = c.node.get("securityContext").get("procMount");
    if (!mount.is_scalar() || mount.kind() == NodeKind::kNull || mount.text() == "Default") {
      continue;
    }
    out.push_back(report(object, mount, c.path + ".securityContext.procMount",
                         container_label(c) + " sets procMount `" + std::string(mount.text()) +
                             "`, unmasking the node's /proc; remove it (Default)"));
  }
}

}  // namespace pushgate
