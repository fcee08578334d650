#include "validators/k8s/seccomp_unconfined_rule.h"

namespace pushgate {

namespace {

constexpr std::string_view kPodAnnotation = "seccomp.security.alpha.kubernetes.io/pod";
constexpr std::string_view kContainerAnnotationPrefix =
    "container.seccomp.security.alpha.kubernetes.io/";

}  // namespace

void SeccompUnconfinedRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                      FindingList& out) const {
  const std::string fix = "; use `seccompProfile: {type: RuntimeDefault}`";
  const NodeRef pod_type = pod.spec.get("securityContext").get("seccompProfile").get("type");
  if (pod_type.is_string() && pod_type.text() == "Unconfined") {
    out.push_back(report(object, pod_type, pod.spec_path + ".securityContext.seccompProfile.type",
                         "pod runs without a seccomp profile (Unconfined), so every system call "
                         "is open to it" +
                             fix));
  }
  for (const ContainerRef& c : containers_of(pod)) {
    const NodeRef type = c.node.get("securityContext").get("seccompProfile").get("type");
    if (type.is_string() && type.text() == "Unconfined") {
      out.push_back(
          report(object, type, c.path + ".securityContext.seccompProfile.type",
                 container_label(c) + " runs without a seccomp profile (Unconfined)" + fix));
    }
  }
  const NodeRef annotations = pod.metadata.get("annotations");
  for (std::size_t i = 0; i < annotations.size(); ++i) {
    const std::string_view key = annotations.key(i).text();
    const NodeRef value = annotations.value(i);
    if (key != kPodAnnotation && !key.starts_with(kContainerAnnotationPrefix)) continue;
    if (!value.is_string() || value.text() != "unconfined") continue;
    out.push_back(report(
        object, value, pod.metadata_path + ".annotations[" + std::string(key) + "]",
        "annotation " + std::string(key) + " turns seccomp off (unconfined)" + fix + " instead"));
  }
}

}  // namespace pushgate
