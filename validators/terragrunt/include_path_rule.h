#pragma once
#include "validators/validator.h"

namespace pushgate {

// terragrunt/include-path: an `include` block's `path` (a literal, a template, or
// find_in_parent_folders("root.hcl")) resolves to no file of the tree that would land. Judged
// across the whole tree (validators/terragrunt/terragrunt_tree.h), incrementally: a push re-judges
// the units its change reaches.
class IncludePathRule final : public Validator {
 public:
  std::string_view rule() const override { return "terragrunt/include-path"; }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;
};

}  // namespace pushgate
