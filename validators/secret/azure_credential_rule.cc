#include "validators/secret/azure_credential_rule.h"

namespace pushgate {
namespace {

// RE2 syntax; compiled once, when the rule is built.
constexpr std::string_view kPattern =
    R"re(AccountKey=([A-Za-z0-9+/]{86}==)|SharedAccessKey=([A-Za-z0-9+/]{43}=)|(?:^|[^A-Za-z0-9_~.\-])([A-Za-z0-9_~.\-]{3}[0-9]Q~[A-Za-z0-9_~.\-]{31,34})(?:$|[^A-Za-z0-9_~.\-]))re";

}  // namespace

AzureCredentialRule::AzureCredentialRule()
    : TokenRule(kPattern, {"AccountKey=", "SharedAccessKey=", "Q~"}) {}
}  // namespace pushgate
