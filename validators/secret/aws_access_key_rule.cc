#include "validators/secret/aws_access_key_rule.h"

namespace pushgate {
namespace {

// RE2 syntax; compiled once, when the rule is built.
constexpr std::string_view kPattern = R"re(\b((?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16})\b)re";

}  // namespace

AwsAccessKeyRule::AwsAccessKeyRule() : TokenRule(kPattern, {"AKIA", "ASIA", "ABIA", "ACCA"}) {}
}  // namespace pushgate
