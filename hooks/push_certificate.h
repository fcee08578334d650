#pragma once
// Whether the GIT_PUSH_CERT_* variables describe a push certificate git really received for this
// push, or were simply inherited: receive-pack sets them only when a certificate came with the
// push (builtin/receive-pack.c, prepare_push_cert_sha1: `if (!push_cert.len) return;`) and never
// clears them otherwise, so over file:// and shell-account ssh, where the hook inherits the
// pusher's own environment, anyone can export GIT_PUSH_CERT_KEY=alice GIT_PUSH_CERT_STATUS=G.
//
//   PushCertVerdict cert = verify_push_certificate(env, repository, updates, keyrings);
//   if (cert.trusted) pusher = Pusher{cert.key, "GIT_PUSH_CERT_KEY"};
//   else audit/report cert.problem
//
// Trusted only when all hold:
//   - git's own verdict: GIT_PUSH_CERT_STATUS=G, GIT_PUSH_CERT_NONCE_STATUS=OK, a key;
//   - GIT_PUSH_CERT names a blob in the repository (quarantine included) that parses as a push
//     certificate ("certificate version 0.1", pusher, nonce, the update lines, a signature);
//   - its nonce is GIT_PUSH_CERT_NONCE and its update lines are exactly this push's updates, so
//     an old certificate kept in the object store cannot be replayed for another push;
//   - pushgate verifies its OpenPGP signature itself against a keyring the server config trusts
//     (any `signatures.gpg_keyring` of a `refs:` entry), by a key whose fingerprint ends with
//     GIT_PUSH_CERT_KEY: a pusher who can write objects (every file:// or ssh shell account can)
//     could otherwise push a crafted certificate blob along with the variables. Without a
//     keyring in the config nothing is trusted.
// The nonce's HMAC (receive.certNonceSeed) is not recomputed: a local pusher can read the seed
// from the repository's config, so it would add nothing the signature does not give.
//
// Knows nothing about who may do what with the identity (bypass, creators): that is the caller's.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/git/repository.h"
#include "core/push/ref_update.h"
#include "hooks/environment.h"

namespace pushgate {

struct PushCertificate {
  std::string pusher;  // the "pusher" header: "Name <email> 1700000000 +0000"
  std::string nonce;   // "" when the certificate has none
  std::vector<RefUpdate> updates;
  SignedPayload signed_payload;  // payload: everything before the signature block
};

// kInvalid when `text` is not a push certificate in git's format (Documentation/gitprotocol-pack).
Result<PushCertificate> parse_push_certificate(std::string_view text);

struct PushCertVerdict {
  bool present = false;  // GIT_PUSH_CERT_* variables were there (forged or not)
  bool trusted = false;
  std::string key;      // GIT_PUSH_CERT_KEY, when trusted
  std::string problem;  // why not trusted (lowercase, for messages and the audit), when present
};

PushCertVerdict verify_push_certificate(const Environment& environment,
                                        const Repository& repository,
                                        std::span<const RefUpdate> updates,
                                        const std::vector<std::string>& keyrings);

// Every distinct `signatures.gpg_keyring` of the config's `refs:` entries, in order.
struct Config;
std::vector<std::string> config_gpg_keyrings(const Config& config);

}  // namespace pushgate
