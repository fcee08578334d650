#include "core/git/git_status.h"

#include <git2.h>

#include <string>

namespace pushgate::git {

Error to_error(int code, std::string_view context) {
  const git_error* last = git_error_last();
  std::string detail = (last != nullptr && last->message != nullptr && *last->message != '\0')
                           ? std::string(last->message)
                           : "libgit2 error " + std::to_string(code);
  ErrorCode error_code = ErrorCode::kIo;
  switch (code) {
    case GIT_ENOTFOUND:
    case GIT_EUNBORNBRANCH:  // HEAD of a repository without commits: nothing there yet
      error_code = ErrorCode::kNotFound;
      break;
    case GIT_EINVALIDSPEC:
    case GIT_EAMBIGUOUS:
    case GIT_EINVALID:
      error_code = ErrorCode::kInvalid;
      break;
    default:
      break;
  }
  return Error{error_code, std::string(context) + ": " + detail};
}

}  // namespace pushgate::git
