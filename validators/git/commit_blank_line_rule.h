#pragma once
// commits.require_blank_second_line: a subject, then an empty line, then the body (what
// `git log --oneline`, `git format-patch` and every forge expect).
#include "validators/git/git_rule.h"

namespace pushgate {

class CommitBlankLineRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/commit-blank-line"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
