#include "validators/k8s/pod_rule.h"

#include "core/policy/builtin_rules.h"

namespace pushgate {

bool PodRule::wants_kind(std::string_view kind) const {
  return is_pod_kind(kind);
}

bool is_pod_kind(std::string_view kind) {
  return kind == "Pod" || kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" ||
         kind == "ReplicaSet" || kind == "ReplicationController" || kind == "Job" ||
         kind == "CronJob" || kind == "Rollout";
}

void PodRule::check_object(const ObjectContext& object, FindingList& out) const {
  if (const std::optional<PodTemplate> pod = find_pod_template(object))
    check_pod(object, *pod, out);
}

Finding PodRule::report(const ObjectContext& object, NodeRef at, std::string json_path,
                        std::string message) const {
  return report_object(*this, object, at, std::move(json_path), std::move(message));
}

Finding report_object(const Validator& rule, const ObjectContext& object, NodeRef at,
                      std::string json_path, std::string message) {
  return object.finding(rule.rule(), default_severity(rule.rule()), at, std::move(json_path),
                        std::move(message));
}

std::string container_label(const ContainerRef& container) {
  const std::string_view name = container.node.get_string("name");
  const char* kind = container.kind == ContainerRef::Kind::kInit        ? "init container"
                     : container.kind == ContainerRef::Kind::kEphemeral ? "ephemeral container"
                                                                        : "container";
  return std::string(kind) + " \"" + (name.empty() ? std::string("?") : std::string(name)) + "\"";
}

}  // namespace pushgate
