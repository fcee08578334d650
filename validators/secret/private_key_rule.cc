#include "validators/secret/private_key_rule.h"

namespace pushgate {
namespace {

// RE2 syntax; compiled once, when the rule is built.
constexpr std::string_view kPattern =
    R"re((-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----)[ \t]*(?:\r?\n|\\n)(?:[ \t]*[A-Za-z-]+: [^\r\n]*\r?\n|[ \t]*\r?\n){0,4}[ \t]*[A-Za-z0-9+/=]{20})re";

}  // namespace

PrivateKeyRule::PrivateKeyRule() : TokenRule(kPattern, {"PRIVATE KEY"}) {}
}  // namespace pushgate
