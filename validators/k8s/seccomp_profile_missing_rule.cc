#include "validators/k8s/seccomp_profile_missing_rule.h"

#include "validators/k8s/security_context.h"

namespace pushgate {
namespace {

// Pod Security restricted exempts Windows pods from this control.
bool is_windows(const PodTemplate& pod) {
  return pod.spec.get("os").get_string("name") == "windows";
}
}  // namespace

void SeccompProfileMissingRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                          FindingList& out) const {
  if (is_windows(pod)) return;
  for (const ContainerRef& c : containers_of(pod)) {
    if (effective_setting(pod, c, "seccompProfile").node.get("type")) continue;
    out.push_back(report(object, c.node, c.path,
                         container_label(c) +
                             " has no seccomp profile; set `seccompProfile: {type: "
                             "RuntimeDefault}` in the pod's securityContext"));
  }
}

}  // namespace pushgate
