#pragma once
// protect.max_new_commits: at most N new commits per push to the ref.
#include "validators/git/git_rule.h"

namespace pushgate {

class MaxNewCommitsRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/max-new-commits"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
