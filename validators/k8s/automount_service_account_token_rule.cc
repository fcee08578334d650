#include "validators/k8s/automount_service_account_token_rule.h"

namespace pushgate {

void AutomountServiceAccountTokenRule::check_pod(const ObjectContext& object,
                                                 const PodTemplate& pod, FindingList& out) const {
  const NodeRef value = pod.spec.get("automountServiceAccountToken");
  if (value.kind() == NodeKind::kBool && !value.as_bool()) return;
  const bool set = value && value.kind() != NodeKind::kNull;
  out.push_back(report(object, set ? value : pod.spec,
                       set ? pod.spec_path + ".automountServiceAccountToken" : pod.spec_path,
                       "pod mounts a service account token into every container; set "
                       "`automountServiceAccountToken: false` unless it calls the Kubernetes API"));
}

}  // namespace pushgate
