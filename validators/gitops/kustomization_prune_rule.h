#pragma once
#include "validators/k8s/kind_rule.h"
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// gitops/kustomization-prune: a Flux Kustomization does not set `spec.prune: true`:
// objects removed from git stay in the cluster, so git no longer says what runs.
class KustomizationPruneRule final : public KindRule {
 public:
  std::string_view rule() const override { return "gitops/kustomization-prune"; }
  bool wants_kind(std::string_view kind) const override { return kind == "Kustomization"; }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
