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

Result<std::optional<std::string>> read_git_entry_within(const Repository& repository,
                                                         const Entry& entry,
                                                         std::uint64_t max_bytes) {
  if (entry.mode == EntryMode::kSubmodule) return read_git_entry(repository, entry).error();
  Result<std::optional<std::string>> bytes = repository.read_blob_within(entry.id, max_bytes);
  if (!bytes) return Error::wrap(bytes.error(), "read " + entry.path);
  return bytes;
}

Result<std::string> read_git_entry_head(const Repository& repository, const Entry& entry,
                                        std::size_t max_bytes) {
  if (entry.mode == EntryMode::kSubmodule) return read_git_entry(repository, entry);
  Result<std::string> bytes = repository.read_blob_head(entry.id, max_bytes);
  if (!bytes) return Error::wrap(bytes.error(), "read " + entry.path);
  return bytes;
}

}  // namespace pushgate
