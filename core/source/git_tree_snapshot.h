#pragma once
// The tree of one commit: every blob and gitlink, recursively, with its mode and blob id.
//
//   Result<std::unique_ptr<GitTreeSnapshot>> snap =
//       GitTreeSnapshot::open(repo, commit_id, "refs/heads/main");
//   snap.value()->describe();   // "commit 1a2b3c4 (refs/heads/main)"
//
// Symlinks are entries of mode kSymlink whose content is the link target; gitlinks are
// kSubmodule entries without content. Thread-safe like the Repository it reads from.
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/git/repository.h"
#include "core/source/snapshot.h"

namespace pushgate {

class GitTreeSnapshot : public Snapshot {
 public:
  // `commit` may be any revision that peels to a commit; `label` (a ref name) is for messages.
  static Result<std::unique_ptr<GitTreeSnapshot>> open(const Repository& repository,
                                                       std::string_view commit,
                                                       std::string label = "");

  // A function that opens `commit` on its first call and keeps it for later calls; the snapshot
  // lives as long as the function (or a copy). For the tree before a change (CheckRequest::base),
  // which most checks never need to list.
  static std::function<Result<const Snapshot*>()> opener(const Repository& repository,
                                                         std::string commit,
                                                         std::string label = "");

  // The same tree restricted to the entries at `paths` (Repository::entries_at): what a change
  // replaced or deleted, read without listing the rest of the tree (CheckRequest::base_at).
  static Result<std::unique_ptr<GitTreeSnapshot>> at_paths(const Repository& repository,
                                                           std::string_view commit,
                                                           std::span<const std::string> paths,
                                                           std::string label = "");

  // The tree of `commit` (a full commit id) listed elsewhere: `entries` must be what
  // Repository::list_tree gives for it (TreeListingCache patches the previous tree's listing).
  static std::unique_ptr<GitTreeSnapshot> of_listing(const Repository& repository,
                                                     std::string commit, std::string label,
                                                     std::vector<Entry> entries);

  std::string describe() const override;
  const std::vector<Entry>& entries() const override { return entries_; }
  Result<std::string> read(const Entry& entry) const override;
  Result<std::optional<std::string>> read_within(const Entry& entry,
                                                 std::uint64_t max_bytes) const override;
  Result<std::string> read_head(const Entry& entry, std::size_t max_bytes) const override;

  const std::string& commit() const { return commit_; }  // full id

 private:
  GitTreeSnapshot(Repository repository, std::string commit, std::string label,
                  std::vector<Entry> entries);
  Repository repository_;
  std::string commit_;
  std::string label_;
  std::vector<Entry> entries_;
};

}  // namespace pushgate
