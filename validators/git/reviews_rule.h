#pragma once
// reviews: every new commit pushed to a matching ref carries `approvals` distinct approvals as
// message trailers ("Reviewed-by: Name <email>"), counted from its own message and from the
// message of every new merge commit that brings it through a non-first parent. Approvals naming
// the commit's author (by email or by name) never count; with `reviewers` set, only listed
// reviewers count. A push by a listed merge bot needs no trailers. docs/rules/git/reviews.md.
#include "validators/git/git_rule.h"

namespace pushgate {

class ReviewsRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/reviews"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
