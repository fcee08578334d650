#pragma once
#include "validators/secret/token_rule.h"

namespace pushgate {

// secret/github-token: a GitHub token (ghp_, gho_, ghu_, ghs_, ghr_ or github_pat_) in any
// pushed text file.
class GithubTokenRule final : public TokenRule {
 public:
  GithubTokenRule();
  std::string_view rule() const override { return "secret/github-token"; }
  std::string_view what() const override { return "GitHub token"; }
};

}  // namespace pushgate
