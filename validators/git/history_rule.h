#pragma once
// protect.history: linear (no merge commits among the new commits) or merges-only (the ref moves
// only by a merge commit onto its old tip).
#include "validators/git/git_rule.h"

namespace pushgate {

class HistoryRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/history"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
