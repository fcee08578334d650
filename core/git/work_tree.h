#pragma once
// The git work tree a folder belongs to and its ignore rules (.gitignore files, .git/info/exclude,
// core.excludesFile) and its index, as libgit2 reads them -- for `pushgate check PATH...`, which
// reports paths relative to the repository root and, while walking folders, skips what git would
// not commit: ignored and untracked. A tracked file stays in every commit whatever .gitignore
// says later, so the server judges it, and so must the check.
//
//   pushgate::GitLibrary git;
//   std::optional<WorkTree> tree = WorkTree::discover("clusters/prod");
//   if (tree && tree->ignored("clusters/prod/secret.dec.yaml")) ...   // relative to tree->root()
//
// Not thread-safe (one libgit2 repository without a lock); used on the command's own thread.
#include <memory>
#include <optional>
#include <string>

struct git_repository;

namespace pushgate {

class WorkTree {
 public:
  // The work tree containing `path` (a file or folder), or nullopt outside any (or in a bare
  // repository). Needs a live GitLibrary.
  static std::optional<WorkTree> discover(const std::string& path);

  const std::string& root() const { return root_; }  // absolute, no trailing slash
  // `relative` (to root()) is ignored by git's rules; a folder may end with '/'.
  bool ignored(const std::string& relative) const;
  // `relative` is in the index, or (ending with '/') a folder holding something that is.
  bool tracked(const std::string& relative) const;

 private:
  struct Free {
    void operator()(git_repository* repo) const;
  };
  std::shared_ptr<git_repository> repo_;
  std::string root_;
};

}  // namespace pushgate
