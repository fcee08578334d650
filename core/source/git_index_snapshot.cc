#include "core/source/git_index_snapshot.h"

#include "core/source/git_entry.h"

namespace pushgate {

Result<std::unique_ptr<GitIndexSnapshot>> GitIndexSnapshot::open(const Repository& repository,
                                                                 const std::string& index_file) {
  Result<std::vector<Entry>> entries = repository.list_index(index_file);
  if (!entries) return entries.error();
  return std::unique_ptr<GitIndexSnapshot>(
      new GitIndexSnapshot(repository, std::move(entries.value())));
}

GitIndexSnapshot::GitIndexSnapshot(Repository repository, std::vector<Entry> entries)
    : repository_(std::move(repository)), entries_(std::move(entries)) {}

Result<std::string> GitIndexSnapshot::read(const Entry& entry) const {
  return read_git_entry(repository_, entry);
}

Result<std::optional<std::string>> GitIndexSnapshot::read_within(const Entry& entry,
                                                                 std::uint64_t max_bytes) const {
  return read_git_entry_within(repository_, entry, max_bytes);
}

Result<std::string> GitIndexSnapshot::read_head(const Entry& entry, std::size_t max_bytes) const {
  return read_git_entry_head(repository_, entry, max_bytes);
}

}  // namespace pushgate
