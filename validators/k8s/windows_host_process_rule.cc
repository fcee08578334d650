#include "validators/k8s/windows_host_process_rule.h"

namespace pushgate {

void WindowsHostProcessRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                       FindingList& out) const {
  const std::string fix = "; remove `hostProcess: true`";
  const NodeRef pod_value =
      pod.spec.get("securityContext").get("windowsOptions").get("hostProcess");
  if (is_true(pod_value)) {
    out.push_back(report(object, pod_value,
                         pod.spec_path + ".securityContext.windowsOptions.hostProcess",
                         "pod runs as a Windows HostProcess, with the node's privileges" + fix));
  }
  for (const ContainerRef& c : containers_of(pod)) {
    const NodeRef value = c.node.get("securityContext").get("windowsOptions").get("hostProcess");
    if (!is_true(value)) continue;
    out.push_back(report(
        object, value, c.path + ".securityContext.windowsOptions.hostProcess",
        container_label(c) + " runs as a Windows HostProcess, with the node's privileges" + fix));
  }
}

}  // namespace pushgate
