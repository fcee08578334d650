#pragma once
#include "validators/validator.h"

namespace pushgate {

// terragrunt/dependency-path: a `dependency` block's `config_path` (or a `dependencies { paths }`
// item) is no Terragrunt unit of the tree: the folder does not exist or holds no terragrunt.hcl.
// Judged across the whole tree (validators/terragrunt/terragrunt_tree.h), incrementally: a push
// re-judges the units its change reaches.
class DependencyPathRule final : public Validator {
 public:
  std::string_view rule() const override { return "terragrunt/dependency-path"; }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;
};

}  // namespace pushgate
