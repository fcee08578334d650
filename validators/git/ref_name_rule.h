#pragma once
// protect.name_pattern: new refs must fully match an RE2 pattern over the full ref name.
#include "validators/git/git_rule.h"

namespace pushgate {

class RefNameRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/ref-name"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
