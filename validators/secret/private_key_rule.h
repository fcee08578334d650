#pragma once
#include "validators/secret/token_rule.h"

namespace pushgate {

// secret/private-key: a PEM private key block (-----BEGIN … PRIVATE KEY-----) in any pushed
// text file, raw or inside a JSON string. Blocks without a key body (`...`, documentation) are left
// alone; SOPS and age armour (BEGIN AGE ENCRYPTED FILE) is not a private key.
class PrivateKeyRule final : public TokenRule {
 public:
  PrivateKeyRule();
  std::string_view rule() const override { return "secret/private-key"; }
  std::string_view what() const override { return "private key"; }
  std::string_view fix() const override {
    return "remove it and rotate the key (it is in git history); mount it from a secret manager or "
           "an encrypted Secret";
  }
};

}  // namespace pushgate
