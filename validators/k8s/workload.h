#pragma once
// Where the pod lives in each workload kind, for every rule that judges pods and containers.
//
//   if (auto pod = find_pod_template(object)) {
//     for (const ContainerRef& c : containers_of(*pod)) { ... c.node.get("image") ... c.path ... }
//   }
#include <optional>
#include <string>
#include <vector>

#include "validators/object_validator.h"

namespace pushgate {

struct PodTemplate {
  NodeRef spec;               // the PodSpec mapping
  std::string spec_path;      // "spec.template.spec", "spec", "spec.jobTemplate.spec.template.spec"
  NodeRef metadata;           // the pod template's metadata (Pod: the object's own)
  std::string metadata_path;  // "spec.template.metadata", "metadata", ...
};

// Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob (and
// Argo Rollout, which embeds a Deployment-shaped template). nullopt for anything else or when
// the spec is missing.
std::optional<PodTemplate> find_pod_template(const ObjectContext& object);

struct ContainerRef {
  NodeRef node;      // the container mapping
  std::string path;  // "spec.template.spec.containers[0]"
  enum class Kind { kContainer, kInit, kEphemeral } kind = Kind::kContainer;
};

// containers, initContainers and ephemeralContainers, in that order.
std::vector<ContainerRef> containers_of(const PodTemplate& pod);

}  // namespace pushgate
