#pragma once
#include "validators/hcl/hcl_validator.h"

namespace pushgate {

// hcl/duplicate-block: two blocks that Terraform or Terragrunt require to be unique have the
// same labels in one file: `variable`, `output`, `module` (one label), `resource`, `data` (type
// and name), `provider` with the same alias (or both without one), a `locals` name set twice,
// and Terragrunt's `dependency` / `include` labels. Terraform refuses the module ("Duplicate
// variable declaration", ...); Terragrunt refuses the unit.
//
// It judges one file at a time: two `.tf` files of one module that declare the same variable
// are not yet reported (docs/hcl.md).
class DuplicateBlockRule final : public HclValidator {
 public:
  std::string_view rule() const override { return "hcl/duplicate-block"; }
  void check_hcl(const HclFileContext& file, FindingList& out) const override;
};

}  // namespace pushgate
