#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/pdb-missing: a Deployment, StatefulSet or Argo Rollout with two or more replicas has no
// PodDisruptionBudget, in the checked files, whose selector matches its pod labels in its
// namespace. Without one, a node drain may evict every replica at once. The rule decides across
// files (a budget usually sits beside the workload, not in it), so it runs once per check, over
// every file the check parsed.
class PdbMissingRule final : public Validator {
 public:
  std::string_view rule() const override { return "k8s/pdb-missing"; }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;
};

}  // namespace pushgate
