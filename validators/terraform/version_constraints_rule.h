#pragma once
#include "validators/validator.h"

namespace pushgate {

// terraform/version-constraints: a Terraform module folder (its `*.tf` files together) has no
// `terraform { required_version = ... }`, or no `terraform { required_providers { ... } }` while
// it declares resources, data sources or providers. Without them `terraform init` takes whatever
// Terraform and provider versions the machine has. An opt-in policy rule (warning).
// Only folders holding a `.tf` file the push changed are judged; the finding is at that file.
class VersionConstraintsRule final : public Validator {
 public:
  std::string_view rule() const override { return "terraform/version-constraints"; }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;
};

}  // namespace pushgate
