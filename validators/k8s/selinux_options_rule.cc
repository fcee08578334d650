#include "validators/k8s/selinux_options_rule.h"

namespace pushgate {

namespace {

bool allowed_type(std::string_view type) {
  return type.empty() || type == "container_t" || type == "container_init_t" ||
         type == "container_kvm_t" || type == "container_engine_t";
}

void check_options(const PodRule& rule, const ObjectContext& object, NodeRef options,
                   const std::string& path, const std::string& who, FindingList& out,
                   Finding (*make)(const Validator&, const ObjectContext&, NodeRef, std::string,
                                   std::string)) {
  if (!options.is_mapping()) return;
  const NodeRef type = options.get("type");
  if (type.is_scalar() && !allowed_type(type.text())) {
    out.push_back(make(rule, object, type, path + ".type",
                       who + " sets SELinux type `" + std::string(type.text()) +
                           "`; only container_t, container_init_t, container_kvm_t and "
                           "container_engine_t keep it confined, remove it"));
  }
  for (const char* field : {"user", "role"}) {
    const NodeRef value = options.get(field);
    if (!value.is_scalar() || value.text().empty()) continue;
    out.push_back(make(rule, object, value, path + "." + field,
                       who + " sets SELinux " + field + " `" + std::string(value.text()) +
                           "`, which can lift its confinement; remove it"));
  }
}

}  // namespace

void SelinuxOptionsRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                   FindingList& out) const {
  check_options(*this, object, pod.spec.get("securityContext").get("seLinuxOptions"),
                pod.spec_path + ".securityContext.seLinuxOptions", "pod", out, report_object);
  for (const ContainerRef& c : containers_of(pod)) {
    check_options(*this, object, c.node.get("securityContext").get("seLinuxOptions"),
                  c.path + ".securityContext.seLinuxOptions", container_label(c), out,
                  report_object);
  }
}

}  // namespace pushgate
