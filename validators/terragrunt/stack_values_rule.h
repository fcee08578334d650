#pragma once
#include "validators/validator.h"

namespace pushgate {

// terragrunt/stack-values: a unit (or nested stack) that a stack generates reads `values.NAME`
// (a plain traversal, outside try()/can()) that the generating block's literal `values` object
// does not set: Terragrunt fails on the generated unit. Reported at the block's `values`.
// Judged across the whole tree (validators/terragrunt/terragrunt_tree.h), incrementally: a push
// that changes the stack file or the unit source re-judges it.
class StackValuesRule final : public Validator {
 public:
  std::string_view rule() const override { return "terragrunt/stack-values"; }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;
};

}  // namespace pushgate
