#pragma once
#include "validators/validator.h"

namespace pushgate {

// gitops/kustomize-reference: a kustomization lists a path that kustomize cannot read from the
// tree that would land — a missing file, a folder without a kustomization, a folder where a file
// is needed, a path that leaves the repository — or lists the same resource twice. Judged across
// the whole tree: a push that deletes `base/deploy.yaml` is rejected at the line of the
// kustomization that still lists it. In a push only kustomizations the change can affect are
// judged (changed themselves, or listing a path at or under something changed or deleted); what
// they report equals a full check's findings for them.
class KustomizeReferenceRule final : public Validator {
 public:
  std::string_view rule() const override { return "gitops/kustomize-reference"; }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;
};

}  // namespace pushgate
