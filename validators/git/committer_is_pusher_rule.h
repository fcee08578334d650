#pragma once
// commits.committer_is_pusher: every new commit's committer is the one who pushes it. The pusher
// name matches a committer email equal to it, or whose part before '@' equals it. Without a
// known pusher the rule fails closed.
#include "validators/git/git_rule.h"

namespace pushgate {

class CommitterIsPusherRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/committer-is-pusher"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
