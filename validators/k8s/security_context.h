#pragma once
// Pod and container securityContext settings as Kubernetes resolves them: a container's own
// setting wins over the pod's (runAsNonRoot, runAsUser, seccompProfile, seLinuxOptions,
// appArmorProfile).
#include <string>

#include "validators/k8s/workload.h"

namespace pushgate {

struct EffectiveSetting {
  NodeRef node;      // invalid when neither the container nor the pod sets it
  std::string path;  // where it is set
  bool from_pod = false;
};

// `field` of the container's securityContext, else of the pod's.
EffectiveSetting effective_setting(const PodTemplate& pod, const ContainerRef& container,
                                   std::string_view field);

}  // namespace pushgate
