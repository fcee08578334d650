#pragma once
// commits.subject_max_length: the first line of every new commit's message, in characters.
#include "validators/git/git_rule.h"

namespace pushgate {

class CommitSubjectLengthRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/commit-subject-length"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
