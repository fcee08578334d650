#include "validators/k8s/apparmor_unconfined_rule.h"

namespace pushgate {

namespace {

constexpr std::string_view kAnnotationPrefix = "container.apparmor.security.beta.kubernetes.io/";

}  // namespace

void ApparmorUnconfinedRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                       FindingList& out) const {
  const std::string fix = "; use the runtime's default profile (type RuntimeDefault)";
  const NodeRef pod_type = pod.spec.get("securityContext").get("appArmorProfile").get("type");
  if (pod_type.is_string() && pod_type.text() == "Unconfined") {
    out.push_back(report(object, pod_type, pod.spec_path + ".securityContext.appArmorProfile.type",
                         "pod runs without AppArmor (Unconfined)" + fix));
  }
  for (const ContainerRef& c : containers_of(pod)) {
    const NodeRef type = c.node.get("securityContext").get("appArmorProfile").get("type");
    if (type.is_string() && type.text() == "Unconfined") {
      out.push_back(report(object, type, c.path + ".securityContext.appArmorProfile.type",
                           container_label(c) + " runs without AppArmor (Unconfined)" + fix));
    }
  }
  const NodeRef annotations = pod.metadata.get("annotations");
  for (std::size_t i = 0; i < annotations.size(); ++i) {
    const std::string_view key = annotations.key(i).text();
    const NodeRef value = annotations.value(i);
    if (!key.starts_with(kAnnotationPrefix) || !value.is_string()) continue;
    const std::string_view profile = value.text();
    if (profile == "runtime/default" || profile.starts_with("localhost/")) continue;
    out.push_back(report(
        object, value, pod.metadata_path + ".annotations[" + std::string(key) + "]",
        "annotation " + std::string(key) + " sets AppArmor profile `" + std::string(profile) +
            "`; only runtime/default and localhost/<profile> confine the "
            "container"));
  }
}

}  // namespace pushgate
