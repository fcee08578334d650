#include "core/source/git_entry.h"

namespace pushgate {

Result<std::string> read_git_entry(const Repository& repository, const Entry& entry) {
  if (entry.mode == EntryMode::kSubmodule) {
    return Error{ErrorCode::kInvalid,
                 entry.path + " is a submodule (commit " + entry.id +
                     "); its files live in another repository and are not checked here"};
  }
  Result<std::string> bytes = repository.read_blob(entry.id);
  if (!bytes) return Error::wrap(bytes.error(), "read " + entry.path);
  return bytes;
}

}  // namespace pushgate
