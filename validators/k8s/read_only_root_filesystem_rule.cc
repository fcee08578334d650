#include "validators/k8s/read_only_root_filesystem_rule.h"

namespace pushgate {

void ReadOnlyRootFilesystemRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                           FindingList& out) const {
  for (const ContainerRef& c : containers_of(pod)) {
    if (c.kind == ContainerRef::Kind::kEphemeral) continue;  // debugging sessions
    const NodeRef value = c.node.get("securityContext").get("readOnlyRootFilesystem");
    if (is_true(value)) continue;
    const bool set = value && value.kind() != NodeKind::kNull;
    out.push_back(report(object, set ? value : c.node,
                         set ? c.path + ".securityContext.readOnlyRootFilesystem" : c.path,
                         container_label(c) +
                             " can write to its root file system; set "
                             "`securityContext.readOnlyRootFilesystem: true` and mount an "
                             "emptyDir where it must write"));
  }
}

}  // namespace pushgate
