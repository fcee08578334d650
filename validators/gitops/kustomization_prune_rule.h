#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// gitops/kustomization-prune: a Flux Kustomization does not set `spec.prune: true`:
// objects removed from git stay in the cluster, so git no longer says what runs.
class KustomizationPruneRule final : public ObjectValidator {
 public:
  std::string_view rule() const override { return "gitops/kustomization-prune"; }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
