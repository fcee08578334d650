#pragma once
// protect.deny_creation: creating a ref under the glob, except by a pusher listed in creators.
#include "validators/git/git_rule.h"

namespace pushgate {

class RefCreationRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/ref-creation"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
