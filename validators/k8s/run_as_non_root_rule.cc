#include "validators/k8s/run_as_non_root_rule.h"

#include "validators/k8s/security_context.h"

namespace pushgate {

void RunAsNonRootRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                 FindingList& out) const {
  bool pod_reported = false;
  for (const ContainerRef& c : containers_of(pod)) {
    const EffectiveSetting setting = effective_setting(pod, c, "runAsNonRoot");
    if (is_true(setting.node)) continue;
    if (!setting.node) {
      out.push_back(report(object, c.node, c.path,
                           container_label(c) +
                               " may run as root: set `runAsNonRoot: true` in its or the pod's "
                               "securityContext, and a non-zero runAsUser in the image or spec"));
      continue;
    }
    if (setting.from_pod && pod_reported) continue;
    pod_reported = pod_reported || setting.from_pod;
    out.push_back(report(object, setting.node, setting.path,
                         (setting.from_pod ? std::string("pod") : container_label(c)) +
                             " sets runAsNonRoot to " + std::string(setting.node.text()) +
                             ", so it may run as root; set it to true"));
  }
}

}  // namespace pushgate
