#include "validators/k8s/capabilities_added_rule.h"

#include <array>

namespace pushgate {

namespace {

// Pod Security Standards, baseline: "Adding additional capabilities beyond those listed below
// must be disallowed."
constexpr std::array<std::string_view, 13> kBaselineCapabilities = {
    "AUDIT_WRITE",      "CHOWN",   "DAC_OVERRIDE", "FOWNER",  "FSETID", "KILL",      "MKNOD",
    "NET_BIND_SERVICE", "SETFCAP", "SETGID",       "SETPCAP", "SETUID", "SYS_CHROOT"};

bool allowed(std::string_view capability) {
  if (capability.starts_with("CAP_")) capability.remove_prefix(4);
  for (std::string_view c : kBaselineCapabilities) {
    if (c == capability) return true;
  }
  return false;
}

}  // namespace

void CapabilitiesAddedRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                      FindingList& out) const {
  for (const ContainerRef& c : containers_of(pod)) {
    const NodeRef add = c.node.get("securityContext").get("capabilities").get("add");
    for (std::size_t i = 0; i < add.size(); ++i) {
      const NodeRef cap = add.item(i);
      if (!cap.is_scalar() || allowed(cap.text())) continue;
      out.push_back(report(object, cap,
                           c.path + ".securityContext.capabilities.add[" + std::to_string(i) + "]",
                           container_label(c) + " adds capability " + std::string(cap.text()) +
                               ", beyond the Pod Security baseline set; remove it, or give the "
                               "privileged work to a dedicated, reviewed component"));
    }
  }
}

}  // namespace pushgate
