#include "core/signature/openpgp_verifier.h"

#include "core/base/words.h"

#include <gpgme.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <type_traits>

namespace pushgate {
namespace {

// gpgme_check_version initialises the library once per process (its documented contract).
void initialise_gpgme() {
  static std::once_flag once;
  std::call_once(once, [] { gpgme_check_version(nullptr); });
}

struct DataFree {
  void operator()(gpgme_data_t data) const { gpgme_data_release(data); }
};
using DataPtr = std::unique_ptr<std::remove_pointer_t<gpgme_data_t>, DataFree>;

struct KeyFree {
  void operator()(gpgme_key_t key) const { gpgme_key_unref(key); }
};
using KeyPtr = std::unique_ptr<std::remove_pointer_t<gpgme_key_t>, KeyFree>;

Error gpgme_failure(const std::string& what, gpgme_error_t error) {
  return Error{ErrorCode::kIo, what + ": " + gpgme_strerror(error)};
}

Result<DataPtr> data_of(std::string_view bytes) {
  gpgme_data_t data = nullptr;
  const gpgme_error_t error = gpgme_data_new_from_mem(&data, bytes.data(), bytes.size(), 1);
  if (error != 0) return gpgme_failure("gpgme_data_new_from_mem", error);
  return DataPtr(data);
}

std::string problem_of(gpgme_signature_t signature) {
  const std::string key = signature->fpr != nullptr ? signature->fpr : "an unknown key";
  switch (gpgme_err_code(signature->status)) {
    case GPG_ERR_NO_PUBKEY:
      return "it is signed by OpenPGP key " + key + ", which is not in the server keyring";
    case GPG_ERR_BAD_SIGNATURE:
      return "its OpenPGP signature is bad: the content does not match what was signed";
    case GPG_ERR_KEY_EXPIRED:
      return "it is signed by OpenPGP key " + key + ", which has expired";
    case GPG_ERR_SIG_EXPIRED:
      return "its OpenPGP signature has expired";
    case GPG_ERR_CERT_REVOKED:
      return "it is signed by OpenPGP key " + key + ", which is revoked";
    default:
      return "its OpenPGP signature by " + key +
             " does not verify: " + gpgme_strerror(signature->status);
  }
}

}  // namespace

struct OpenPgpVerifier::Context {
  gpgme_ctx_t ctx = nullptr;
  ~Context() {
    if (ctx != nullptr) gpgme_release(ctx);
  }
};

OpenPgpVerifier::OpenPgpVerifier(std::unique_ptr<Context> context) : context_(std::move(context)) {}
OpenPgpVerifier::~OpenPgpVerifier() = default;
OpenPgpVerifier::OpenPgpVerifier(OpenPgpVerifier&&) noexcept = default;
OpenPgpVerifier& OpenPgpVerifier::operator=(OpenPgpVerifier&&) noexcept = default;

Result<OpenPgpVerifier> OpenPgpVerifier::open(const std::string& keyring_dir) {
  initialise_gpgme();
  auto context = std::make_unique<Context>();
  if (gpgme_error_t e = gpgme_new(&context->ctx); e != 0) return gpgme_failure("gpgme_new", e);
  if (gpgme_error_t e = gpgme_set_protocol(context->ctx, GPGME_PROTOCOL_OpenPGP); e != 0) {
    return gpgme_failure("gpgme_set_protocol", e);
  }
  // --homedir for this context only: the server keyring, never $GNUPGHOME or ~/.gnupg.
  if (gpgme_error_t e = gpgme_ctx_set_engine_info(context->ctx, GPGME_PROTOCOL_OpenPGP, nullptr,
                                                  keyring_dir.c_str());
      e != 0) {
    return gpgme_failure("use the keyring " + keyring_dir, e);
  }
  // Never fetch keys or revocations from the network during a push.
  gpgme_set_offline(context->ctx, 1);
  return OpenPgpVerifier(std::move(context));
}

Result<SignatureCheck> OpenPgpVerifier::verify(const SignedPayload& signed_payload,
                                               std::string_view email) const {
  Result<DataPtr> signature = data_of(signed_payload.signature);
  if (!signature) return signature.error();
  Result<DataPtr> payload = data_of(signed_payload.payload);
  if (!payload) return payload.error();
  gpgme_ctx_t ctx = context_->ctx;
  const gpgme_error_t error =
      gpgme_op_verify(ctx, signature.value().get(), payload.value().get(), nullptr);
  SignatureCheck check;
  if (error != 0) {
    if (gpgme_err_code(error) == GPG_ERR_NO_DATA) {
      check.problem = "its OpenPGP signature cannot be read";
      return check;
    }
    return gpgme_failure("verify an OpenPGP signature", error);
  }
  gpgme_verify_result_t result = gpgme_op_verify_result(ctx);
  if (result == nullptr || result->signatures == nullptr) {
    check.problem = "its OpenPGP signature cannot be read";
    return check;
  }
  // git writes one signature; more than one is not something git makes, so take the first.
  gpgme_signature_t first = result->signatures;
  if (gpgme_err_code(first->status) != GPG_ERR_NO_ERROR || (first->summary & GPGME_SIGSUM_RED)) {
    check.problem = problem_of(first);
    return check;
  }
  const std::string fingerprint = first->fpr != nullptr ? first->fpr : "";
  check.signer = fingerprint;
  if (email.empty()) {
    check.good = true;
    return check;
  }
  gpgme_key_t raw_key = nullptr;
  if (gpgme_error_t e = gpgme_get_key(ctx, fingerprint.c_str(), &raw_key, 0); e != 0) {
    return gpgme_failure("read OpenPGP key " + fingerprint, e);
  }
  KeyPtr key(raw_key);
  for (gpgme_user_id_t uid = key->uids; uid != nullptr; uid = uid->next) {
    if (uid->revoked || uid->invalid || uid->email == nullptr) continue;
    if (equals_ignoring_case(uid->email, email)) {
      check.good = true;
      return check;
    }
  }
  check.problem = "it is signed by OpenPGP key " + fingerprint + ", which has no user id for " +
                  std::string(email);
  return check;
}

}  // namespace pushgate
