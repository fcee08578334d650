#pragma once
// protect.deny_non_fast_forward: an update that drops commits from the ref (a force push).
#include "validators/git/git_rule.h"

namespace pushgate {

class NonFastForwardRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/non-fast-forward"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
