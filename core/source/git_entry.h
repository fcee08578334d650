#pragma once
// Reading one entry of a git snapshot (tree or index): the blob's bytes, a symlink's target (its
// blob), and a clear error for a gitlink, whose content lives in another repository.
#include <string>

#include "core/base/result.h"
#include "core/git/repository.h"
#include "core/source/snapshot.h"

namespace pushgate {

Result<std::string> read_git_entry(const Repository& repository, const Entry& entry);
// Snapshot::read_within and read_head for blobs: sizes from the object header, loose objects
// streamed (core/git/repository.h).
Result<std::optional<std::string>> read_git_entry_within(const Repository& repository,
                                                         const Entry& entry,
                                                         std::uint64_t max_bytes);
Result<std::string> read_git_entry_head(const Repository& repository, const Entry& entry,
                                        std::size_t max_bytes);

}  // namespace pushgate
