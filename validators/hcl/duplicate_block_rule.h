#pragma once
#include "validators/hcl/hcl_validator.h"

namespace pushgate {

// hcl/duplicate-block: two blocks that Terraform or Terragrunt require to be unique have the
// same labels: `variable`, `output`, `module` (one label), `resource`, `data`, `ephemeral` (type
// and name), `provider` with the same alias (or both without one), a `locals` name set twice,
// and Terragrunt's `dependency` / `include` labels. Terraform refuses the module ("Duplicate
// variable declaration", ...); Terragrunt refuses the unit.
//
// Two checks, one rule:
// - check_hcl: within one file (every `.tf` and Terragrunt `.hcl` file the run reads);
// - check_run: across the `.tf` and `.tf.json` files of one Terraform module (a folder: Terraform
//   reads all of them as one configuration, in both syntaxes), the later declaration in
//   Terraform's load order (file names sorted) reported, naming the first. A `.tf.json` file is
//   read as Terraform's JSON syntax (objects or arrays of objects for blocks, "//" comments).
//   Override files (`override.tf`, `*_override.tf`, and their .tf.json forms) merge into what
//   they repeat, by design, and are left out; so are tool caches (.terraform/,
//   .terragrunt-cache/, .terragrunt-stack/). Incremental like the other whole-tree rules: a
//   module is judged when one of its files changed.
class DuplicateBlockRule final : public HclValidator {
 public:
  std::string_view rule() const override { return "hcl/duplicate-block"; }
  void check_hcl(const HclFileContext& file, FindingList& out) const override;
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;
};

}  // namespace pushgate
