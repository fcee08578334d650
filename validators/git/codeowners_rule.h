#pragma once
// codeowners: every path a commit that a matching ref gains changes (deletions too) that a
// CODEOWNERS file gives owners needs an approval trailer from one of those owners (not the
// commit's author; the trailers of git/reviews, on the commit or on the new merge that brings
// it), or one of them as the pusher. The file is read from the ref's old tip (`codeowners`,
// or the tip of `codeowners_ref` when the ref is created) or from the server
// (`codeowners_file`), never from the pushed commits. docs/rules/git/codeowners.md.
#include "validators/git/git_rule.h"

namespace pushgate {

class CodeownersRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/codeowners"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
