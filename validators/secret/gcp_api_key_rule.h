#pragma once
#include "validators/secret/token_rule.h"

namespace pushgate {

// secret/gcp-api-key: a Google Cloud API key (AIza…) in any pushed text file. A service
// account key file is secret/private-key's finding (its private key).
class GcpApiKeyRule final : public TokenRule {
 public:
  GcpApiKeyRule();
  std::string_view rule() const override { return "secret/gcp-api-key"; }
  std::string_view what() const override { return "Google Cloud credential"; }
};

}  // namespace pushgate
