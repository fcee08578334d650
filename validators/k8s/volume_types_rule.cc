#include "validators/k8s/volume_types_rule.h"

namespace pushgate {

namespace {

bool allowed(std::string_view type) {
  for (std::string_view t : {"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
                             "persistentVolumeClaim", "projected", "secret"}) {
    if (t == type) return true;
  }
  return false;
}

}  // namespace

void VolumeTypesRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                FindingList& out) const {
  const NodeRef volumes = pod.spec.get("volumes");
  for (std::size_t i = 0; i < volumes.size(); ++i) {
    const NodeRef volume = volumes.item(i);
    for (std::size_t k = 0; k < volume.size(); ++k) {
      const NodeRef key = volume.key(k);
      if (!key.is_string()) continue;
      const std::string_view type = key.text();
      if (type == "name" || type == "hostPath" || allowed(type)) continue;
      out.push_back(report(
          object, key, pod.spec_path + ".volumes[" + std::to_string(i) + "]." + std::string(type),
          "volume \"" + std::string(volume.get_string("name")) + "\" is of type " +
              std::string(type) +
              ", which Pod Security restricted does not allow; use a "
              "persistentVolumeClaim (or csi, ephemeral) volume instead"));
    }
  }
}

}  // namespace pushgate
