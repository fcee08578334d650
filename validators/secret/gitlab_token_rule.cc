#include "validators/secret/gitlab_token_rule.h"

namespace pushgate {
namespace {

// RE2 syntax; compiled once, when the rule is built.
constexpr std::string_view kPattern =
    R"re(\b((?:glpat|gldt|glrt|glptt|glcbt|gloas|glimt|glft)-[A-Za-z0-9_\-]{20,})|\b(GR1348941[A-Za-z0-9_\-]{20,}))re";

}  // namespace

GitlabTokenRule::GitlabTokenRule()
    : TokenRule(kPattern, {"glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "gloas-", "glimt-",
                           "glft-", "GR1348941"}) {}
}  // namespace pushgate
