#include "core/signature/signature_check.h"

namespace pushgate {

SignatureFormat signature_format(std::string_view signature) {
  if (signature.starts_with("-----BEGIN PGP SIGNATURE-----") ||
      signature.starts_with("-----BEGIN PGP MESSAGE-----")) {
    return SignatureFormat::kOpenPgp;
  }
  if (signature.starts_with("-----BEGIN SSH SIGNATURE-----")) return SignatureFormat::kSsh;
  if (signature.starts_with("-----BEGIN SIGNED MESSAGE-----")) return SignatureFormat::kX509;
  return SignatureFormat::kUnknown;
}

std::string_view to_string(SignatureFormat format) {
  switch (format) {
    case SignatureFormat::kOpenPgp:
      return "OpenPGP";
    case SignatureFormat::kSsh:
      return "SSH";
    case SignatureFormat::kX509:
      return "X.509";
    case SignatureFormat::kUnknown:
      break;
  }
  return "unknown";
}

}  // namespace pushgate
