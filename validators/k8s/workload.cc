#include "validators/k8s/workload.h"

namespace pushgate {

std::optional<PodTemplate> find_pod_template(const ObjectContext& object) {
  const std::string_view kind = object.kind;
  PodTemplate pod;
  if (kind == "Pod") {
    pod.spec = object.root.get("spec");
    pod.spec_path = "spec";
    pod.metadata = object.root.get("metadata");
    pod.metadata_path = "metadata";
  } else if (kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" ||
             kind == "ReplicaSet" || kind == "ReplicationController" || kind == "Job" ||
             kind == "Rollout") {
    const NodeRef tmpl = object.root.get("spec").get("template");
    pod.spec = tmpl.get("spec");
    pod.spec_path = "spec.template.spec";
    pod.metadata = tmpl.get("metadata");
    pod.metadata_path = "spec.template.metadata";
  } else if (kind == "CronJob") {
    const NodeRef tmpl = object.root.get("spec").get("jobTemplate").get("spec").get("template");
    pod.spec = tmpl.get("spec");
    pod.spec_path = "spec.jobTemplate.spec.template.spec";
    pod.metadata = tmpl.get("metadata");
    pod.metadata_path = "spec.jobTemplate.spec.template.metadata";
  } else {
    return std::nullopt;
  }
  if (!pod.spec.is_mapping()) return std::nullopt;
  return pod;
}

std::vector<ContainerRef> containers_of(const PodTemplate& pod) {
  std::vector<ContainerRef> out;
  const struct {
    const char* key;
    ContainerRef::Kind kind;
  } lists[] = {{"containers", ContainerRef::Kind::kContainer},
               {"initContainers", ContainerRef::Kind::kInit},
               {"ephemeralContainers", ContainerRef::Kind::kEphemeral}};
  for (const auto& list : lists) {
    const NodeRef items = pod.spec.get(list.key);
    for (std::size_t i = 0; i < items.size(); ++i) {
      const NodeRef c = items.item(i);
      if (!c.is_mapping()) continue;
      out.push_back(ContainerRef{
          c, pod.spec_path + "." + list.key + "[" + std::to_string(i) + "]", list.kind});
    }
  }
  return out;
}

}  // namespace pushgate
