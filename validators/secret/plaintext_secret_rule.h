#pragma once
#include "validators/k8s/kind_rule.h"
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// secret/plaintext-secret: a `kind: Secret` holds plain-text values in `data` (base64 is
// an encoding, not encryption) or `stringData`. SOPS-encrypted files, SealedSecrets and
// ExternalSecrets are other kinds, or hold ciphertext, and are fine; so are Secrets whose values
// are all empty or placeholders.
class PlaintextSecretRule final : public KindRule {
 public:
  std::string_view rule() const override { return "secret/plaintext-secret"; }
  bool wants_kind(std::string_view kind) const override { return kind == "Secret"; }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
