#pragma once
// Who pushed, from the variables each server platform sets for its hooks:
//   a verified signed push (GIT_PUSH_CERT_STATUS=G): GIT_PUSH_CERT_KEY, the signing key
//   Gitea/Forgejo: GITEA_PUSHER_NAME      GitLab: GL_USERNAME, else GL_ID
//   Gitolite: GL_USER                     smart HTTP behind a web server: REMOTE_USER
// A signed push whose certificate did not verify names nobody: trusting its key would let anyone
// claim any identity.
#include <optional>

#include "hooks/environment.h"
#include "validators/git/git_rule.h"

namespace pushgate {

std::optional<Pusher> find_pusher(const Environment& environment);

}  // namespace pushgate
