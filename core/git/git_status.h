#pragma once
// Private to core/git: turns a libgit2 return code and its thread-local error text into an Error.
#include <string_view>

#include "core/base/result.h"

namespace pushgate::git {

// GIT_ENOTFOUND and GIT_EUNBORNBRANCH -> kNotFound, bad specs and ambiguity -> kInvalid, the rest
// -> kIo. The message is "<context>: <libgit2's message>".
Error to_error(int code, std::string_view context);

}  // namespace pushgate::git
