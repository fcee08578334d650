#include "validators/secret/slack_token_rule.h"

namespace pushgate {
namespace {

// RE2 syntax; compiled once, when the rule is built.
constexpr std::string_view kPattern =
    R"re(\b((?:xox[abposr]|xapp)-[0-9A-Za-z\-]{10,})|(https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{16,}))re";

}  // namespace

SlackTokenRule::SlackTokenRule()
    : TokenRule(kPattern, {"xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-", "xapp-",
                           "hooks.slack.com"}) {}
}  // namespace pushgate
