#include "validators/k8s/security_context.h"

namespace pushgate {

EffectiveSetting effective_setting(const PodTemplate& pod, const ContainerRef& container,
                                   std::string_view field) {
  const NodeRef own = container.node.get("securityContext").get(field);
  if (own && own.kind() != NodeKind::kNull) {
    return {own, container.path + ".securityContext." + std::string(field), false};
  }
  const NodeRef inherited = pod.spec.get("securityContext").get(field);
  if (inherited && inherited.kind() != NodeKind::kNull) {
    return {inherited, pod.spec_path + ".securityContext." + std::string(field), true};
  }
  return {};
}

}  // namespace pushgate
