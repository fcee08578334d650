#include "validators/k8s/liveness_probe_rule.h"

namespace pushgate {

namespace {

// Probes matter for pods that serve: not for Jobs and CronJobs, which run to completion.
bool long_running(const ObjectContext& object) {
  return object.kind != "Job" && object.kind != "CronJob";
}

}  // namespace

void LivenessProbeRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                  FindingList& out) const {
  if (!long_running(object)) return;
  for (const ContainerRef& c : containers_of(pod)) {
    if (c.kind != ContainerRef::Kind::kContainer || c.node.get("livenessProbe").is_mapping())
      continue;
    out.push_back(
        report(object, c.node, c.path,
               container_label(c) +
                   " has no livenessProbe, so a hung process is never restarted; add one"));
  }
}

}  // namespace pushgate
