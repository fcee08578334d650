#pragma once
// Reading one entry of a git snapshot (tree or index): the blob's bytes, a symlink's target (its
// blob), and a clear error for a gitlink, whose content lives in another repository.
#include <string>

#include "core/base/result.h"
#include "core/git/repository.h"
#include "core/source/snapshot.h"

namespace pushgate {

Result<std::string> read_git_entry(const Repository& repository, const Entry& entry);

}  // namespace pushgate
