#pragma once
#include <cstdint>
#include <optional>

#include "core/kustomize/applied_form.h"
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/replicas-minimum: a Deployment, StatefulSet, ReplicaSet or Rollout runs fewer
// replicas than the rule's `min` option (default 2). Opt-in: scope it to the paths or namespaces
// of the environments that need it (`paths: [clusters/prod/**]`).
// Judged as applied: a kustomize `replicas:` entry of a kustomization that renders the file sets
// the count (validators/applied_forms.h); a count it sets too low is reported at that entry.
// Runs once per run (the kustomizations can be anywhere in the tree).
class ReplicasMinimumRule final : public Validator {
 public:
  explicit ReplicasMinimumRule(const PoliciesConfig& policies);
  std::string_view rule() const override { return "k8s/replicas-minimum"; }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;

 private:
  // One object with the count a transformer sets, if any; `own`: the file is the run's own (else
  // only a transformer's count is judged).
  void check_object(const ObjectContext& object, const std::optional<AppliedReplicas>& applied,
                    bool own, std::string_view file, FindingList& out) const;

  std::int64_t minimum_;
};

}  // namespace pushgate
