#include "validators/k8s/host_path_rule.h"

namespace pushgate {

void HostPathRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                             FindingList& out) const {
  const NodeRef volumes = pod.spec.get("volumes");
  for (std::size_t i = 0; i < volumes.size(); ++i) {
    const NodeRef host_path = volumes.item(i).get("hostPath");
    if (!host_path) continue;
    const NodeRef dir = host_path.get("path");
    const std::string base = pod.spec_path + ".volumes[" + std::to_string(i) + "].hostPath";
    const std::string volume(volumes.item(i).get_string("name"));
    out.push_back(
        report(object, dir.is_scalar() ? dir : host_path, dir.is_scalar() ? base + ".path" : base,
               "volume \"" + volume + "\" mounts the node's " +
                   (dir.is_scalar() ? "`" + std::string(dir.text()) + "`" : "filesystem") +
                   " (hostPath), giving the pod the node's files; use a "
                   "persistentVolumeClaim, configMap, secret or emptyDir volume"));
  }
}

}  // namespace pushgate
