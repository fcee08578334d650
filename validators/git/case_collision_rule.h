#pragma once
// files.deny_case_collisions: two names in one directory of a new commit's tree that differ only
// in ASCII case (README and readme), which check out as one file on macOS and Windows.
#include "validators/git/git_rule.h"

namespace pushgate {

class CaseCollisionRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/case-collision"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
