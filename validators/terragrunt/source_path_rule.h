#pragma once
#include "validators/validator.h"

namespace pushgate {

// terragrunt/source-path: a local `terraform { source }` of a unit, or a local `source` of a
// stack's `unit`/`stack` block, names a folder that is not in the tree. Judged across the whole
// tree (validators/terragrunt/terragrunt_tree.h), incrementally: a push re-judges the units its
// change reaches.
class SourcePathRule final : public Validator {
 public:
  std::string_view rule() const override { return "terragrunt/source-path"; }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;
};

}  // namespace pushgate
