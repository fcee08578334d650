#include "validators/k8s/host_network_rule.h"

namespace pushgate {

void HostNetworkRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                FindingList& out) const {
  const NodeRef value = pod.spec.get("hostNetwork");
  if (!is_true(value)) return;
  out.push_back(
      report(object, value, pod.spec_path + ".hostNetwork",
             "pod shares the node's network namespace: it can bind the node's ports and see its "
             "traffic; remove `hostNetwork: true` and expose the pod through a Service"));
}

}  // namespace pushgate
