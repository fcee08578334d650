#pragma once
// files.deny_unsafe_names: new paths with bytes that are not UTF-8, or with control characters
// (U+0000-U+001F, U+007F), which break terminals, scripts and other platforms.
#include "validators/git/git_rule.h"

namespace pushgate {

class PathCharactersRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/path-characters"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
