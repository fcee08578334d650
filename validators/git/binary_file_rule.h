#pragma once
// files.text_only: new blobs at paths matching these globs must be text. Binary means a NUL
// byte in the first 8000 bytes, git's own test (buffer_is_binary).
#include "validators/git/git_rule.h"

namespace pushgate {

class BinaryFileRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/binary-file"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
