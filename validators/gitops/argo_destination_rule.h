#pragma once
#include "validators/validator.h"

namespace pushgate {

// gitops/argo-destination: an Argo CD Application whose AppProject is defined in the tree deploys
// to a destination (`spec.destination` server or name, and namespace) that the AppProject's
// `spec.destinations` do not allow, or from a repository (`spec.source.repoURL`,
// `spec.sources[].repoURL`) its `spec.sourceRepos` do not allow — matched as Argo CD matches them
// (argo_glob.h: globs, `*`, `!` deny patterns). A push reports what it broke or touched
// (reference_report.h).
class ArgoDestinationRule final : public Validator {
 public:
  std::string_view rule() const override { return "gitops/argo-destination"; }
  bool wants_run() const override { return true; }
  bool wants_base_tree() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;
};

}  // namespace pushgate
