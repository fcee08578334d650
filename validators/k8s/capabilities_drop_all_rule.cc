#include "validators/k8s/capabilities_drop_all_rule.h"

namespace pushgate {
namespace {

// Pod Security restricted exempts Windows pods from this control.
bool is_windows(const PodTemplate& pod) {
  return pod.spec.get("os").get_string("name") == "windows";
}

bool lists_all(NodeRef drop) {
  for (std::size_t i = 0; i < drop.size(); ++i) {
    if (drop.item(i).is_scalar() && drop.item(i).text() == "ALL") return true;
  }
  return false;
}

// Baseline allows these; restricted allows only NET_BIND_SERVICE.
bool baseline_only(std::string_view cap) {
  if (cap.starts_with("CAP_")) cap.remove_prefix(4);
  for (std::string_view c : {"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL",
                             "MKNOD", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"}) {
    if (c == cap) return true;
  }
  return false;
}

}  // namespace

void CapabilitiesDropAllRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                        FindingList& out) const {
  if (is_windows(pod)) return;
  for (const ContainerRef& c : containers_of(pod)) {
    const NodeRef caps = c.node.get("securityContext").get("capabilities");
    const NodeRef drop = caps.get("drop");
    if (!lists_all(drop)) {
      const bool has_drop = static_cast<bool>(drop);
      out.push_back(report(object, has_drop ? drop : c.node,
                           has_drop ? c.path + ".securityContext.capabilities.drop" : c.path,
                           container_label(c) + " keeps the runtime's default capabilities; add "
                                                "`securityContext.capabilities.drop: [ALL]`"));
    }
    const NodeRef add = caps.get("add");
    for (std::size_t i = 0; i < add.size(); ++i) {
      const NodeRef cap = add.item(i);
      if (!cap.is_scalar() || !baseline_only(cap.text())) continue;
      out.push_back(report(object, cap,
                           c.path + ".securityContext.capabilities.add[" + std::to_string(i) + "]",
                           container_label(c) + " adds capability " + std::string(cap.text()) +
                               "; under Pod Security restricted only NET_BIND_SERVICE may be "
                               "added back"));
    }
  }
}

}  // namespace pushgate
