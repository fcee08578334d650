#pragma once
// Files on disk, for `pushgate check PATH…`: a whole directory, or the files and directories a
// command line names, with paths relative to one root.
//
//   Result<std::unique_ptr<DirectorySnapshot>> snap = DirectorySnapshot::open("clusters");
//   Result<std::unique_ptr<DirectorySnapshot>> some =
//       DirectorySnapshot::open_paths(".", {"clusters/prod", "apps/web.yaml"});
//
// Symlinks are never followed, neither while walking nor when reading: a symlink (to a file, a
// directory, or out of the root) is an entry of mode kSymlink whose content is its target, so the
// engine can judge where it points. Directories named `.git` (and `.git` files of worktrees and
// submodules) are skipped. Sockets, FIFOs and devices found while walking are skipped, since
// reading one could block; naming one explicitly is an error. An unreadable directory is an
// error, never a silently smaller snapshot.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/source/snapshot.h"

namespace pushgate {

class DirectorySnapshot : public Snapshot {
 public:
  // Every file under the directory `root`; entry paths are relative to it.
  static Result<std::unique_ptr<DirectorySnapshot>> open(const std::string& root);
  // The files and directories `paths` name (relative to the current directory, or absolute);
  // each must lie inside `root`, and entry paths are relative to `root`.
  static Result<std::unique_ptr<DirectorySnapshot>> open_paths(
      const std::string& root, const std::vector<std::string>& paths);
  // As above; what walking a named directory finds is left out when `skip(relative, is_dir)` is
  // true (a skipped directory is not entered). Paths named explicitly are never skipped.
  using SkipWalked = std::function<bool(const std::string& relative, bool is_dir)>;
  static Result<std::unique_ptr<DirectorySnapshot>> open_paths(
      const std::string& root, const std::vector<std::string>& paths, const SkipWalked& skip);

  std::string describe() const override;
  const std::vector<Entry>& entries() const override { return entries_; }
  // Reads the file again without following a symlink that appeared since the listing.
  Result<std::string> read(const Entry& entry) const override;

  const std::string& root() const { return root_; }  // absolute

 private:
  DirectorySnapshot(std::string root, std::string shown_as, std::vector<Entry> entries);
  std::string root_;
  std::string shown_as_;  // the root as the user wrote it, for describe()
  std::vector<Entry> entries_;
};

}  // namespace pushgate
