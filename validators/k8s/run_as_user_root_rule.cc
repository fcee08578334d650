#include "validators/k8s/run_as_user_root_rule.h"

namespace pushgate {

void RunAsUserRootRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                  FindingList& out) const {
  const std::string fix = "; use a non-zero user id (and runAsNonRoot: true)";
  const NodeRef pod_user = pod.spec.get("securityContext").get("runAsUser");
  if (pod_user.kind() == NodeKind::kInt && pod_user.as_int() == 0) {
    out.push_back(report(object, pod_user, pod.spec_path + ".securityContext.runAsUser",
                         "pod runs as root (runAsUser: 0)" + fix));
  }
  for (const ContainerRef& c : containers_of(pod)) {
    const NodeRef user = c.node.get("securityContext").get("runAsUser");
    if (user.kind() != NodeKind::kInt || user.as_int() != 0) continue;
    out.push_back(report(object, user, c.path + ".securityContext.runAsUser",
                         container_label(c) + " runs as root (runAsUser: 0)" + fix));
  }
}

}  // namespace pushgate
