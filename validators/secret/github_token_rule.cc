#include "validators/secret/github_token_rule.h"

namespace pushgate {
namespace {

// RE2 syntax; compiled once, when the rule is built.
constexpr std::string_view kPattern =
    R"re(\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255})\b|\b(github_pat_[A-Za-z0-9_]{82})\b)re";

}  // namespace

GithubTokenRule::GithubTokenRule()
    : TokenRule(kPattern, {"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"}) {}
}  // namespace pushgate
