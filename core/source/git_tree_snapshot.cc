#include "core/source/git_tree_snapshot.h"

#include "core/source/git_entry.h"

namespace pushgate {

Result<std::unique_ptr<GitTreeSnapshot>> GitTreeSnapshot::open(const Repository& repository,
                                                               std::string_view commit,
                                                               std::string label) {
  Result<std::string> id = repository.resolve_commit(commit);
  if (!id) return id.error();
  Result<std::vector<Entry>> entries = repository.list_tree(id.value());
  if (!entries) return entries.error();
  return std::unique_ptr<GitTreeSnapshot>(new GitTreeSnapshot(
      repository, std::move(id.value()), std::move(label), std::move(entries.value())));
}

Result<std::unique_ptr<GitTreeSnapshot>> GitTreeSnapshot::at_paths(
    const Repository& repository, std::string_view commit, std::span<const std::string> paths,
    std::string label) {
  Result<std::string> id = repository.resolve_commit(commit);
  if (!id) return id.error();
  Result<std::vector<Entry>> entries = repository.entries_at(id.value(), paths);
  if (!entries) return entries.error();
  return std::unique_ptr<GitTreeSnapshot>(new GitTreeSnapshot(
      repository, std::move(id.value()), std::move(label), std::move(entries.value())));
}

std::unique_ptr<GitTreeSnapshot> GitTreeSnapshot::of_listing(const Repository& repository,
                                                             std::string commit, std::string label,
                                                             std::vector<Entry> entries) {
  return std::unique_ptr<GitTreeSnapshot>(
      new GitTreeSnapshot(repository, std::move(commit), std::move(label), std::move(entries)));
}

std::function<Result<const Snapshot*>()> GitTreeSnapshot::opener(const Repository& repository,
                                                                 std::string commit,
                                                                 std::string label) {
  auto opened = std::make_shared<std::unique_ptr<GitTreeSnapshot>>();
  return [repository, commit = std::move(commit), label = std::move(label),
          opened]() -> Result<const Snapshot*> {
    if (*opened == nullptr) {
      Result<std::unique_ptr<GitTreeSnapshot>> snapshot = open(repository, commit, label);
      if (!snapshot) return Error::wrap(snapshot.error(), "read commit " + commit);
      *opened = std::move(snapshot).value();
    }
    return opened->get();
  };
}

GitTreeSnapshot::GitTreeSnapshot(Repository repository, std::string commit, std::string label,
                                 std::vector<Entry> entries)
    : repository_(std::move(repository)),
      commit_(std::move(commit)),
      label_(std::move(label)),
      entries_(std::move(entries)) {}

std::string GitTreeSnapshot::describe() const {
  std::string text = "commit " + commit_.substr(0, 7);
  if (!label_.empty()) text += " (" + label_ + ")";
  return text;
}

Result<std::string> GitTreeSnapshot::read(const Entry& entry) const {
  return read_git_entry(repository_, entry);
}

Result<std::optional<std::string>> GitTreeSnapshot::read_within(const Entry& entry,
                                                                std::uint64_t max_bytes) const {
  return read_git_entry_within(repository_, entry, max_bytes);
}

Result<std::string> GitTreeSnapshot::read_head(const Entry& entry, std::size_t max_bytes) const {
  return read_git_entry_head(repository_, entry, max_bytes);
}

}  // namespace pushgate
