#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/capabilities-added: a container adds a Linux capability beyond the
// baseline set (Pod Security baseline): AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL,
// MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT. SYS_ADMIN, NET_ADMIN,
// SYS_PTRACE and the like are steps to the node.
class CapabilitiesAddedRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/capabilities-added"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
