#include "validators/secret/gcp_api_key_rule.h"

namespace pushgate {
namespace {

// RE2 syntax; compiled once, when the rule is built.
constexpr std::string_view kPattern = R"re(\b(AIza[0-9A-Za-z_\-]{35}))re";

}  // namespace

GcpApiKeyRule::GcpApiKeyRule() : TokenRule(kPattern, {"AIza"}) {}
}  // namespace pushgate
