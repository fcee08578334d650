#pragma once
// What `pushgate check PATH...` reads (cli/check_command.cc): the named files and folders as one
// DirectorySnapshot whose paths are relative to the repository root, whatever folder is named or
// is current -- so include/exclude globs and printed paths read the same from anywhere.
//
//   Result<std::unique_ptr<DirectorySnapshot>> snap = open_check_paths({"clusters/prod"});
//
// - Root: the git work tree containing the first path (core/git/work_tree.h); outside any work
//   tree, the one folder named (entries relative to it) or else the current directory.
// - Files git ignores (.gitignore, .git/info/exclude, core.excludesFile) are skipped while
//   walking folders, and ignored folders are not entered, unless git tracks them (or something
//   in them): a tracked file is pushed whatever .gitignore says, so the server judges it and so
//   does the check. A file named explicitly is checked.
// - A path that does not exist is an error "PATH: no such file or directory" (the command exits
//   2); so is a path outside the root.
#include <memory>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/source/directory_snapshot.h"

namespace pushgate {

Result<std::unique_ptr<DirectorySnapshot>> open_check_paths(const std::vector<std::string>& paths);

}  // namespace pushgate
