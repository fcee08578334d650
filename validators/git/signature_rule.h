#pragma once
// `signatures:` in a refs entry: every new commit signed (commits: true), and pushed tags
// annotated or signed (tags: annotated | signed), by keys in the server's OpenPGP keyring or SSH
// allowed-signers file, optionally by the author (tagger) themselves. docs/rules/git/signature.md.
//
// Signatures are verified with gpgme (core/signature/openpgp_verifier.h) and the server's own
// ssh-keygen (core/signature/ssh_verifier.h); nothing from the push is ever run. A signature that
// cannot be checked (gpg or ssh-keygen failing) is an error too: fail closed.
#include "validators/git/git_rule.h"

namespace pushgate {

class SignatureRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/signature"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
