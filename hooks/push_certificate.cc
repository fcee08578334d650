#include "hooks/push_certificate.h"

#include <algorithm>
#include <tuple>

#include "core/base/words.h"
#include "core/config/config.h"
#include "core/git/object_id.h"
#include "core/signature/openpgp_verifier.h"

namespace pushgate {
namespace {

// A certificate is a few hundred bytes per ref; far more is not one git wrote.
constexpr std::size_t kMaxCertificateBytes = 1024 * 1024;

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::vector<RefUpdate> sorted(std::vector<RefUpdate> updates) {
  std::sort(updates.begin(), updates.end(), [](const RefUpdate& a, const RefUpdate& b) {
    return std::tie(a.ref, a.old_id, a.new_id) < std::tie(b.ref, b.old_id, b.new_id);
  });
  return updates;
}

}  // namespace

Result<PushCertificate> parse_push_certificate(std::string_view text) {
  auto invalid = [](std::string why) {
    return Error{ErrorCode::kInvalid, "not a push certificate: " + std::move(why)};
  };
  if (text.size() > kMaxCertificateBytes) return invalid("larger than 1 MiB");
  // The signature is the last block starting a line with an OpenPGP marker, as git's
  // parse_signed_buffer reads it.
  constexpr std::string_view kMarker = "-----BEGIN PGP SIGNATURE-----";
  std::size_t signature_at = std::string_view::npos;
  for (std::size_t at = text.find(kMarker); at != std::string_view::npos;
       at = text.find(kMarker, at + 1)) {
    if (at == 0 || text[at - 1] == '\n') signature_at = at;
  }
  if (signature_at == std::string_view::npos) return invalid("no OpenPGP signature");
  PushCertificate cert;
  cert.signed_payload.payload = std::string(text.substr(0, signature_at));
  cert.signed_payload.signature = std::string(text.substr(signature_at));
  const std::string_view payload = text.substr(0, signature_at);
  const std::size_t blank = payload.find("\n\n");
  if (blank == std::string_view::npos) return invalid("no blank line after the header");
  const std::vector<std::string_view> header = lines_of(payload.substr(0, blank + 1));
  if (header.empty() || header[0] != "certificate version 0.1") {
    return invalid("it does not start with \"certificate version 0.1\"");
  }
  for (std::string_view line : header) {
    if (line.starts_with("pusher ")) cert.pusher = std::string(line.substr(7));
    if (line.starts_with("nonce ")) cert.nonce = std::string(line.substr(6));
  }
  if (cert.pusher.empty()) return invalid("no pusher line");
  for (std::string_view line : lines_of(payload.substr(blank + 2))) {
    if (line.empty()) continue;
    const std::size_t first = line.find(' ');
    const std::size_t second =
        first == std::string_view::npos ? first : line.find(' ', first + 1);
    if (second == std::string_view::npos) return invalid("a malformed update line");
    RefUpdate update{std::string(line.substr(0, first)),
                     std::string(line.substr(first + 1, second - first - 1)),
                     std::string(line.substr(second + 1))};
    if (!is_object_id(update.old_id) || !is_object_id(update.new_id) || update.ref.empty()) {
      return invalid("a malformed update line");
    }
    cert.updates.push_back(std::move(update));
  }
  if (cert.updates.empty()) return invalid("no update lines");
  return cert;
}

PushCertVerdict verify_push_certificate(const Environment& environment,
                                        const Repository& repository,
                                        std::span<const RefUpdate> updates,
                                        const std::vector<std::string>& keyrings) {
  PushCertVerdict verdict;
  const std::string blob = environment.get_or("GIT_PUSH_CERT", "");
  const std::string key = environment.get_or("GIT_PUSH_CERT_KEY", "");
  const std::string status = environment.get_or("GIT_PUSH_CERT_STATUS", "");
  const std::string nonce_status = environment.get_or("GIT_PUSH_CERT_NONCE_STATUS", "");
  verdict.present = !blob.empty() || !key.empty() || !status.empty() || !nonce_status.empty();
  if (!verdict.present) return verdict;
  auto untrusted = [&](std::string why) {
    verdict.problem = "the push certificate variables are not trusted: " + std::move(why);
    return verdict;
  };
  if (status != "G" || nonce_status != "OK" || key.empty()) {
    return untrusted("git did not report a good signature on a fresh nonce (GIT_PUSH_CERT_STATUS=" +
                     status.substr(0, 8) + ", GIT_PUSH_CERT_NONCE_STATUS=" +
                     nonce_status.substr(0, 16) + ")");
  }
  if (!is_object_id(blob)) {
    return untrusted("GIT_PUSH_CERT does not name a certificate object (git sets it only for a "
                     "signed push; these variables were inherited, not set by git)");
  }
  Result<ObjectKind> kind = repository.object_kind(blob);
  if (!kind || kind.value() != ObjectKind::kBlob) {
    return untrusted("GIT_PUSH_CERT names no certificate in the repository");
  }
  Result<std::string> text = repository.read_blob(blob);
  if (!text) return untrusted("the certificate cannot be read: " + text.error().message);
  Result<PushCertificate> cert = parse_push_certificate(text.value());
  if (!cert) return untrusted(cert.error().message);
  if (cert.value().nonce.empty() ||
      cert.value().nonce != environment.get_or("GIT_PUSH_CERT_NONCE", "")) {
    return untrusted("the certificate's nonce is not GIT_PUSH_CERT_NONCE");
  }
  if (sorted(cert.value().updates) !=
      sorted(std::vector<RefUpdate>(updates.begin(), updates.end()))) {
    return untrusted("the certificate's update lines are not this push's ref updates");
  }
  if (keyrings.empty()) {
    return untrusted("pushgate cannot verify the certificate's signature itself: the config "
                     "trusts no OpenPGP keyring (`signatures.gpg_keyring` in a `refs:` entry)");
  }
  std::string last_problem;
  bool good = false;
  for (const std::string& keyring : keyrings) {
    Result<OpenPgpVerifier> verifier = OpenPgpVerifier::open(keyring);
    if (!verifier) {
      last_problem = "cannot open the keyring " + keyring + ": " + verifier.error().message;
      continue;
    }
    Result<SignatureCheck> check = verifier.value().verify(cert.value().signed_payload, "");
    if (!check) {
      last_problem = "cannot verify the signature: " + check.error().message;
    } else if (!check.value().good) {
      last_problem = "the certificate: " + check.value().problem;
    } else if (key.empty() || !ends_with_ignoring_case(check.value().signer, key)) {
      last_problem = "the certificate is signed by " + check.value().signer +
                     ", not by GIT_PUSH_CERT_KEY";
    } else {
      good = true;
      break;
    }
  }
  if (!good) return untrusted(last_problem);
  verdict.trusted = true;
  verdict.key = key;
  return verdict;
}

std::vector<std::string> config_gpg_keyrings(const Config& config) {
  std::vector<std::string> keyrings;
  for (const RefRuleConfig& entry : config.refs) {
    if (!entry.signatures || entry.signatures->gpg_keyring.empty()) continue;
    const std::string& keyring = entry.signatures->gpg_keyring;
    if (std::find(keyrings.begin(), keyrings.end(), keyring) == keyrings.end()) {
      keyrings.push_back(keyring);
    }
  }
  return keyrings;
}

}  // namespace pushgate
