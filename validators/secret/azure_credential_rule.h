#pragma once
#include "validators/secret/token_rule.h"

namespace pushgate {

// secret/azure-credential: an Azure storage account key (AccountKey=…), a shared access key
// (SharedAccessKey=…) or an Entra ID client secret (…Q~…) in any pushed text file.
class AzureCredentialRule final : public TokenRule {
 public:
  AzureCredentialRule();
  std::string_view rule() const override { return "secret/azure-credential"; }
  std::string_view what() const override { return "Azure credential"; }
};

}  // namespace pushgate
