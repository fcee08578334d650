#pragma once
// commits.author_email / committer_email: RE2 patterns the new commits' emails must match
// entirely (case-insensitively).
#include "validators/git/git_rule.h"

namespace pushgate {

class CommitEmailRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/commit-email"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
