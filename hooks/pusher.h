#pragma once
// Who pushed, from the variables each server platform sets for its hooks:
//   a verified signed push (GIT_PUSH_CERT_STATUS=G and GIT_PUSH_CERT_NONCE_STATUS=OK, i.e.
//   receive.certNonceSeed is set and the certificate is fresh): GIT_PUSH_CERT_KEY, the key
//   Gitea/Forgejo: GITEA_PUSHER_NAME      GitLab: GL_USERNAME, else GL_ID
//   Gitolite: GL_USER                     smart HTTP behind a web server: REMOTE_USER
// A signed push whose certificate did not verify names nobody: trusting its key would let anyone
// claim any identity.
//
// With `pusher: {variable: NAME}` in the config, NAME is the only variable read: the
// administrator knows which one their front end sets, and a fallback to another variable would
// let a pusher who can set that one (a file:// or ssh account with its own environment) claim
// any name.
#include <optional>
#include <string>

#include "core/config/pusher_config.h"
#include "hooks/environment.h"
#include "validators/git/git_rule.h"

namespace pushgate {

std::optional<Pusher> find_pusher(const Environment& environment,
                                  const std::optional<PusherConfig>& config = std::nullopt);

// The variables find_pusher reads, for "cannot tell who pushed" messages.
std::string pusher_variables_hint(const std::optional<PusherConfig>& config);

}  // namespace pushgate
