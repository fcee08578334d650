#pragma once
#include "validators/validator.h"

#include <memory>

namespace re2 {
class RE2;
}

namespace pushgate {

// secret/generic-high-entropy: a secret-looking assignment (a key ending in password,
// secret, token, api_key, access_key, private_key, client_secret, credentials, ...) whose value is
// long and random enough to be a real credential, in any pushed text file. Placeholders, ${VARS},
// references, paths, resource names and SOPS files are left alone.
class GenericHighEntropyRule final : public Validator {
 public:
  GenericHighEntropyRule();
  ~GenericHighEntropyRule() override;
  std::string_view rule() const override { return "secret/generic-high-entropy"; }
  bool wants_every_file() const override { return true; }
  void check_entry(const EntryContext& entry, FindingList& out) const override;

 private:
  std::unique_ptr<re2::RE2> resource_name_;  // compiled once per run
};

}  // namespace pushgate
