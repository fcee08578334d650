#pragma once
#include "validators/hcl/hcl_validator.h"

namespace pushgate {

// terragrunt/source-unpinned: a unit's `terraform { source }` is a remote module (git, a
// registry, a URL) without a fixed revision: no `?ref=`, or a branch name (main, master, HEAD).
// What the unit deploys can then change without a commit here. A policy rule (warning by
// default). A source whose ref is interpolated (`?ref=${values.version}`) counts as pinned here:
// the value is chosen elsewhere.
class TerragruntSourceUnpinnedRule final : public HclValidator {
 public:
  std::string_view rule() const override { return "terragrunt/source-unpinned"; }
  void check_hcl(const HclFileContext& file, FindingList& out) const override;
};

}  // namespace pushgate
