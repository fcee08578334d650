#include "validators/k8s/host_ipc_rule.h"

namespace pushgate {

void HostIpcRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                            FindingList& out) const {
  const NodeRef value = pod.spec.get("hostIPC");
  if (!is_true(value)) return;
  out.push_back(report(object, value, pod.spec_path + ".hostIPC",
                       "pod shares the node's IPC namespace: it can read other processes' shared "
                       "memory; remove `hostIPC: true`"));
}

}  // namespace pushgate
