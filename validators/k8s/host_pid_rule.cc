#include "validators/k8s/host_pid_rule.h"

namespace pushgate {

void HostPidRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                            FindingList& out) const {
  const NodeRef value = pod.spec.get("hostPID");
  if (!is_true(value)) return;
  out.push_back(report(object, value, pod.spec_path + ".hostPID",
                       "pod shares the node's process namespace: it can see and signal every "
                       "process on the node; remove `hostPID: true`"));
}

}  // namespace pushgate
