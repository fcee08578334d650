#pragma once
#include "validators/validator.h"

namespace pushgate {

// gitops/kustomize-remote-base: a kustomization lists a remote base or component (a URL, a
// `github.com/org/repo//dir?ref=v1` go-getter path). kustomize fetches it at build time, so what
// it renders is not in this repository and pushgate cannot check it; it is never fetched here.
// Its severity is the policy: `off` allows remote bases, `warning` (the default) warns, `error`
// denies them. Judged in the kustomizations a run changed.
class KustomizeRemoteBaseRule final : public Validator {
 public:
  std::string_view rule() const override { return "gitops/kustomize-remote-base"; }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;
};

}  // namespace pushgate
