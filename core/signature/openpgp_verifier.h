#pragma once
// OpenPGP signatures on commits and tags, verified with gpgme against a server-side keyring: a
// GnuPG home folder holding the public keys the server trusts. gpgme runs gpg with --homedir set
// to that folder for our context only, so neither the pusher's GNUPGHOME nor the user's keyring is
// ever consulted, and no process-wide variable changes.
//
//   Result<OpenPgpVerifier> gpg = OpenPgpVerifier::open("/etc/pushgate/gnupg");
//   Result<SignatureCheck> check = gpg.value().verify(signed_payload, "alice@example.com");
//
// A signature is good when gpg verifies it (GPG_ERR_NO_ERROR) with a key in the keyring that is
// neither expired nor revoked: being in the server's keyring is the trust decision, so the
// keyring's owner-trust database is not consulted.
#include <memory>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/git/repository.h"
#include "core/signature/signature_check.h"

namespace pushgate {

class OpenPgpVerifier {
 public:
  // kIo when gpgme or gpg cannot be set up for `keyring_dir`.
  static Result<OpenPgpVerifier> open(const std::string& keyring_dir);
  ~OpenPgpVerifier();
  OpenPgpVerifier(OpenPgpVerifier&&) noexcept;
  OpenPgpVerifier& operator=(OpenPgpVerifier&&) noexcept;

  // `email` "" accepts any key of the keyring; otherwise one of the signing key's user ids must
  // carry that email (compared without regard to case). An error means the check could not run.
  Result<SignatureCheck> verify(const SignedPayload& signed_payload, std::string_view email) const;

 private:
  struct Context;
  explicit OpenPgpVerifier(std::unique_ptr<Context> context);
  std::unique_ptr<Context> context_;
};

}  // namespace pushgate
