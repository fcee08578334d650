#pragma once
// The staged index of a working clone: exactly what `git commit` would record. Content comes from
// the index's blobs, never from the working tree, so unstaged edits neither hide nor add problems.
//
//   Result<std::unique_ptr<GitIndexSnapshot>> snap = GitIndexSnapshot::open(repo, index_file);
//
// `index_file` is GIT_INDEX_FILE when git sets it (`git commit -a`, `git commit PATH…` stage into
// a temporary index before running pre-commit), else "" for the repository's own index.
#include <memory>
#include <string>
#include <vector>

#include "core/git/repository.h"
#include "core/source/snapshot.h"

namespace pushgate {

class GitIndexSnapshot : public Snapshot {
 public:
  static Result<std::unique_ptr<GitIndexSnapshot>> open(const Repository& repository,
                                                        const std::string& index_file = "");

  std::string describe() const override { return "staged index"; }
  const std::vector<Entry>& entries() const override { return entries_; }
  Result<std::string> read(const Entry& entry) const override;
  Result<std::optional<std::string>> read_within(const Entry& entry,
                                                 std::uint64_t max_bytes) const override;
  Result<std::string> read_head(const Entry& entry, std::size_t max_bytes) const override;

 private:
  GitIndexSnapshot(Repository repository, std::vector<Entry> entries);
  Repository repository_;
  std::vector<Entry> entries_;
};

}  // namespace pushgate
