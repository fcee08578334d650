#pragma once
// files.forbidden_paths / forbidden_extensions: new entries at paths matching a glob, or
// ending in a listed extension (case-insensitively).
#include "validators/git/git_rule.h"

namespace pushgate {

class ForbiddenPathRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/forbidden-path"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
