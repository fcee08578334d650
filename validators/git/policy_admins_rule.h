#pragma once
// policy-admins: a commit that a matching ref gains (RefContext::gained_commits) and that changes
// pushgate's in-repository policy files (.pushgate.yaml, .pushgate.yml, pushgate.yaml at the root:
// what pre-commit and `pushgate check` read) needs an approval trailer from one of
// `reviews.policy_admins` (not the commit's author; the trailers of git/reviews), or a policy admin
// as the pusher. docs/rules/git/policy-admins.md.
#include <array>
#include <string_view>

#include "validators/git/git_rule.h"

namespace pushgate {

// The policy files a repository can carry, at its root.
inline constexpr std::array<std::string_view, 3> kInRepoPolicyFiles = {
    ".pushgate.yaml", ".pushgate.yml", "pushgate.yaml"};

class PolicyAdminsRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/policy-admins"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
