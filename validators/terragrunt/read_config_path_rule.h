#pragma once
#include "validators/validator.h"

namespace pushgate {

// terragrunt/read-config-path: read_terragrunt_config() reads a file that is not in the tree (a
// literal path, or find_in_parent_folders() finding nothing). Judged across the whole tree
// (validators/terragrunt/terragrunt_tree.h), incrementally: a push re-judges the units its change
// reaches.
class ReadConfigPathRule final : public Validator {
 public:
  std::string_view rule() const override { return "terragrunt/read-config-path"; }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;
};

}  // namespace pushgate
