#pragma once
#include "validators/secret/token_rule.h"

namespace pushgate {

// secret/gitlab-token: a GitLab token (glpat-, gldt-, glrt-, glptt-, glcbt-, gloas-, glimt-,
// glft- or a GR1348941 runner registration token) in any pushed text file.
class GitlabTokenRule final : public TokenRule {
 public:
  GitlabTokenRule();
  std::string_view rule() const override { return "secret/gitlab-token"; }
  std::string_view what() const override { return "GitLab token"; }
};

}  // namespace pushgate
