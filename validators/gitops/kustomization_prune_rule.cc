#include "validators/gitops/kustomization_prune_rule.h"

namespace pushgate {

void KustomizationPruneRule::check_object(const ObjectContext& object, FindingList& out) const {
  if (object.group() != "kustomize.toolkit.fluxcd.io" || object.kind != "Kustomization") return;
  const NodeRef spec = object.root.get("spec");
  if (!spec.is_mapping()) return;
  const NodeRef prune = spec.get("prune");
  if (is_true(prune)) return;
  const bool set = prune && prune.kind() != NodeKind::kNull;
  out.push_back(report_object(*this, object, set ? prune : spec, set ? "spec.prune" : "spec",
                              "pruning is off for " + object.display() +
                                  (set ? " (prune: false)" : " (no spec.prune)") +
                                  ", so objects deleted from git stay in the cluster; set "
                                  "`spec.prune: true`"));
}

}  // namespace pushgate
