#include "validators/k8s/unsafe_sysctls_rule.h"

#include <array>

namespace pushgate {

namespace {

// Pod Security Standards, baseline (Kubernetes 1.29+): the namespaced, safe sysctls.
constexpr std::array<std::string_view, 10> kSafeSysctls = {"kernel.shm_rmid_forced",
                                                           "net.ipv4.ip_local_port_range",
                                                           "net.ipv4.ip_unprivileged_port_start",
                                                           "net.ipv4.tcp_syncookies",
                                                           "net.ipv4.ping_group_range",
                                                           "net.ipv4.ip_local_reserved_ports",
                                                           "net.ipv4.tcp_keepalive_time",
                                                           "net.ipv4.tcp_fin_timeout",
                                                           "net.ipv4.tcp_keepalive_intvl",
                                                           "net.ipv4.tcp_keepalive_probes"};

}  // namespace

void UnsafeSysctlsRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                  FindingList& out) const {
  const NodeRef sysctls = pod.spec.get("securityContext").get("sysctls");
  for (std::size_t i = 0; i < sysctls.size(); ++i) {
    const NodeRef name = sysctls.item(i).get("name");
    if (!name.is_scalar()) continue;
    bool safe = false;
    for (std::string_view s : kSafeSysctls) safe = safe || s == name.text();
    if (safe) continue;
    out.push_back(report(object, name,
                         pod.spec_path + ".securityContext.sysctls[" + std::to_string(i) + "].name",
                         "pod sets sysctl " + std::string(name.text()) +
                             ", which is not in the safe set and may change the whole node; "
                             "remove it, or set it on the node itself"));
  }
}

}  // namespace pushgate
