#pragma once
// protect.deny_tag_move: re-pointing an existing tag.
#include "validators/git/git_rule.h"

namespace pushgate {

class TagMoveRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/tag-move"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
