#pragma once
// commits.message_must_match / message_must_not_match: RE2 patterns every new commit's
// message must contain, or must not contain.
#include "validators/git/git_rule.h"

namespace pushgate {

class CommitMessageRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/commit-message"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
