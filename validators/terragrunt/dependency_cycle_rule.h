#pragma once
#include "validators/validator.h"

namespace pushgate {

// terragrunt/dependency-cycle: units depend on each other in a cycle through `dependency` blocks,
// which Terragrunt cannot order. Judged across the whole tree
// (validators/terragrunt/terragrunt_tree.h), incrementally: a push re-judges the units its change
// reaches.
class DependencyCycleRule final : public Validator {
 public:
  std::string_view rule() const override { return "terragrunt/dependency-cycle"; }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;
};

}  // namespace pushgate
