#pragma once
#include "validators/hcl/hcl_validator.h"

namespace pushgate {

// hcl/duplicate-attribute: one body (the file, a block) sets the same argument twice.
// Terraform, OpenTofu and Terragrunt refuse the file ("Attribute redefined"); pushgate reports
// the second at its position and names the line of the first.
class DuplicateAttributeRule final : public HclValidator {
 public:
  std::string_view rule() const override { return "hcl/duplicate-attribute"; }
  void check_hcl(const HclFileContext& file, FindingList& out) const override;
};

}  // namespace pushgate
