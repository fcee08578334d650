#pragma once
#include <map>
#include <string>

#include "validators/object_validator.h"

namespace pushgate {

// k8s/selector-mismatch: a Deployment, StatefulSet, DaemonSet or ReplicaSet (apps/v1) whose
// spec.selector does not select its own pod template's labels. The API server refuses it
// ("selector does not match template labels"); the schema cannot say so.
// Judged as applied: labels that the kustomizations applying the file add to the pod template
// (commonLabels, `labels` with includeSelectors or includeTemplates; validators/applied_forms.h)
// count as the template's. Runs once per run for that (the kustomizations can be anywhere).
class SelectorMismatchRule final : public Validator {
 public:
  std::string_view rule() const override { return "k8s/selector-mismatch"; }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;
  // One object, with `added` the labels transformations add to its pod template.
  void check_object(const ObjectContext& object, const std::map<std::string, std::string>& added,
                    FindingList& out) const;
};

}  // namespace pushgate
