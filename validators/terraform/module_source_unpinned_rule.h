#pragma once
#include "validators/hcl/hcl_validator.h"

namespace pushgate {

// terraform/module-source-unpinned: a `module` block of a `.tf` file takes a remote source
// without a fixed revision: a registry module without `version`, or a git / URL source without
// `?ref=` (or with a branch name). A policy rule (warning by default).
class ModuleSourceUnpinnedRule final : public HclValidator {
 public:
  std::string_view rule() const override { return "terraform/module-source-unpinned"; }
  void check_hcl(const HclFileContext& file, FindingList& out) const override;
};

}  // namespace pushgate
