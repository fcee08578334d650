#pragma once
// files.max_path_length: the repository-relative path of a new entry, in bytes.
#include "validators/git/git_rule.h"

namespace pushgate {

class PathLengthRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/path-length"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
