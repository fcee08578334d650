#pragma once
// files.deny_submodules: no new gitlinks (submodule entries, mode 160000).
#include "validators/git/git_rule.h"

namespace pushgate {

class SubmoduleRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/submodule"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
