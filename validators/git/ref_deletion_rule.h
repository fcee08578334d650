#pragma once
// protect.deny_deletion: deleting a protected branch or tag.
#include "validators/git/git_rule.h"

namespace pushgate {

class RefDeletionRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/ref-deletion"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
