#pragma once
// commits.require_signoff: every new commit carries a DCO `Signed-off-by:` trailer naming its
// author (name and email), as `git commit -s` writes it.
#include "validators/git/git_rule.h"

namespace pushgate {

class SignoffRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/signoff"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
