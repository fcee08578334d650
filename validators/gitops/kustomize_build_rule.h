#pragma once
#include <chrono>
#include <cstddef>
#include <string>

#include "core/kustomize/kustomize_build.h"
#include "validators/validator.h"

namespace pushgate {

// gitops/kustomize-build (opt-in): builds, with the server's own kustomize or kubectl binary
// (core/kustomize/kustomize_build.h: plugins, exec, Helm and network off, a time limit), every
// top-level kustomization the change affects, and
//   - reports a build that fails, times out or is too large, at the kustomization;
//   - validates the rendered objects with the run's object rules and Kubernetes schemas, and
//     reports what the build introduced (validators/gitops/rendered_object_checker.h).
// Kustomizations that include a remote base or inflate Helm charts are not built (info).
// A push reports what it broke: a failure or finding its base tree's build has too is left out,
// unless the kustomization file itself changed.
class KustomizeBuildRule final : public Validator {
 public:
  // `validators`: the set this rule belongs to, whose object rules judge rendered objects.
  KustomizeBuildRule(const PoliciesConfig& policies, const ValidatorSet& validators);
  std::string_view rule() const override { return "gitops/kustomize-build"; }
  bool wants_run() const override { return true; }
  bool wants_base_tree() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;

 private:
  const ValidatorSet& validators_;
  std::string program_;  // option `kustomize`: an absolute path; "" = the usual places
  std::chrono::milliseconds budget_{10'000};  // option `timeout_seconds`: all builds of a run
  std::size_t max_kustomizations_ = 20;       // option `max_kustomizations`
};

}  // namespace pushgate
