#pragma once
// What verifying one signature found (core/signature/*_verifier.h).
#include <string>
#include <vector>

namespace pushgate {

enum class SignatureFormat { kOpenPgp, kSsh, kX509, kUnknown };

// From the armour's first line: "-----BEGIN PGP SIGNATURE-----" is OpenPGP, and so on.
SignatureFormat signature_format(std::string_view signature);
std::string_view to_string(SignatureFormat format);  // "OpenPGP", "SSH", "X.509", "unknown"

struct SignatureCheck {
  bool good = false;    // valid, by a trusted key (and by the required signer, when one was asked)
  std::string signer;   // a key fingerprint (OpenPGP) or the allowed-signers principal (SSH)
  std::string problem;  // why it is not good, lowercase, for a finding's message
};

}  // namespace pushgate
