#pragma once
// files.symlinks: forbid new symlinks, or (inside-tree) those whose target is absolute or climbs
// out of the repository with '..'.
#include "validators/git/git_rule.h"

namespace pushgate {

class SymlinkRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/symlink"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
