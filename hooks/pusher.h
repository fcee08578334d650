#pragma once
// Who pushed, from the variables each server platform sets for its hooks:
//   a signed push whose certificate pushgate verified itself (hooks/push_certificate.h: the
//   blob GIT_PUSH_CERT names, this push's updates, the server keyring): GIT_PUSH_CERT_KEY
//   Gitea/Forgejo: GITEA_PUSHER_NAME      GitLab: GL_USERNAME, else GL_ID
//   Gitolite: GL_USER                     smart HTTP behind a web server: REMOTE_USER
// GIT_PUSH_CERT_* alone names nobody: git sets them only for a signed push but never clears
// them, so over file:// or an ssh shell account they may be the pusher's own exports.
//
// The transport is told from the same environment (hook_transport): a platform's variables, or
// SSH_CONNECTION for ssh, else "local" (file://, or a front end pushgate does not know). It is
// what the environment claims, recorded in the audit line, not a proof.
//
// With `pusher: {variable: NAME}` in the config, NAME is the only variable read: the
// administrator knows which one their front end sets, and a fallback to another variable would
// let a pusher who can set that one (a file:// or ssh account with its own environment) claim
// any name.
#include <optional>
#include <string>

#include "core/config/pusher_config.h"
#include "hooks/environment.h"
#include "hooks/push_certificate.h"
#include "validators/git/git_rule.h"

namespace pushgate {

// `certificate`: the verdict on this push's certificate; only a trusted one names its key.
std::optional<Pusher> find_pusher(const Environment& environment,
                                  const std::optional<PusherConfig>& config = std::nullopt,
                                  const PushCertVerdict& certificate = {});

// "gitlab", "gitea", "gitolite", "http", "ssh" or "local" (see above).
std::string hook_transport(const Environment& environment);

// True when the pusher's name can be believed enough to grant a bypass: it came from the
// configured `pusher.variable`, a verified push certificate, or a platform that sets identity
// for its hooks (GitLab, Gitea, gitolite, a web server's REMOTE_USER). A name read on a "local"
// or plain "ssh" transport from a variable the pusher could have exported is not.
bool identity_is_vouched_for(const Pusher& pusher, const std::optional<PusherConfig>& config,
                             const std::string& transport);

// The variables find_pusher reads, for "cannot tell who pushed" messages.
std::string pusher_variables_hint(const std::optional<PusherConfig>& config);

}  // namespace pushgate
