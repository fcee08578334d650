#include "core/source/check_paths.h"

#include <filesystem>

#include "core/git/library.h"
#include "core/git/work_tree.h"

namespace pushgate {

Result<std::unique_ptr<DirectorySnapshot>> open_check_paths(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(path, ec))) {
      return Error{ErrorCode::kNotFound, path + ": no such file or directory"};
    }
  }
  GitLibrary git;
  std::optional<WorkTree> tree = paths.empty() ? std::nullopt : WorkTree::discover(paths.front());
  if (!tree) {
    // Outside git: one folder is its own root (globs read as in it), else the current directory.
    std::error_code ec;
    if (paths.size() == 1 && fs::is_directory(fs::symlink_status(paths[0], ec))) {
      return DirectorySnapshot::open(paths[0]);
    }
    return DirectorySnapshot::open_paths(".", paths);
  }
  const WorkTree& work_tree = *tree;
  return DirectorySnapshot::open_paths(
      work_tree.root(), paths, [&work_tree](const std::string& relative, bool is_dir) {
        const std::string path = is_dir ? relative + "/" : relative;
        return work_tree.ignored(path) && !work_tree.tracked(path);
      });
}

}  // namespace pushgate
