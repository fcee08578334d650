#pragma once
#include <string>
#include <vector>

#include "validators/validator.h"

namespace pushgate {

// gitops/flux-source-external (warning): a Flux source reference (see gitops/flux-source-ref)
// names a kind of which the tree defines no object at all — the source may live in another
// repository or be created by `flux bootstrap`, so this only warns. Sources listed in the
// `external` option of gitops/flux-source-ref are not reported.
class FluxSourceExternalRule final : public Validator {
 public:
  explicit FluxSourceExternalRule(const PoliciesConfig& policies);
  std::string_view rule() const override { return "gitops/flux-source-external"; }
  bool wants_run() const override { return true; }
  bool wants_base_tree() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;

 private:
  std::vector<std::string> external_;
};

}  // namespace pushgate
