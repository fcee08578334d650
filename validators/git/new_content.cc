#include "validators/git/new_content.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <tuple>

namespace pushgate {
namespace {

using EntryKey = std::tuple<std::string, EntryMode, std::string>;

bool same_entry(const Entry& a, const Entry& b) {
  return a.path == b.path && a.mode == b.mode && a.id == b.id;
}

}  // namespace

Result<std::vector<CommitInfo>> read_commits(const Repository& repository,
                                             std::span<const std::string> commit_ids) {
  std::vector<CommitInfo> commits;
  commits.reserve(commit_ids.size());
  for (const std::string& id : commit_ids) {
    Result<CommitInfo> info = repository.read_commit(id);
    if (!info) return Error::wrap(info.error(), "read new commit " + id);
    commits.push_back(std::move(info.value()));
  }
  return commits;
}

Result<std::vector<CommitEntries>> new_entries(const Repository& repository,
                                               std::span<const CommitInfo> commits) {
  std::vector<CommitEntries> out;
  std::set<EntryKey> seen;
  for (const CommitInfo& commit : commits) {
    const std::string first_parent = commit.parents.empty() ? "" : commit.parents.front();
    Result<TreeChanges> first = repository.diff_trees(first_parent, commit.id);
    if (!first) return Error::wrap(first.error(), "diff commit " + commit.id);
    std::vector<Entry> entries = std::move(first.value().changed);
    // A merge: keep what differs from every other parent too.
    for (std::size_t p = 1; p < commit.parents.size() && !entries.empty(); ++p) {
      Result<TreeChanges> other = repository.diff_trees(commit.parents[p], commit.id);
      if (!other) return Error::wrap(other.error(), "diff commit " + commit.id);
      const std::vector<Entry>& changed = other.value().changed;
      std::erase_if(entries, [&](const Entry& e) {
        auto it = std::lower_bound(changed.begin(), changed.end(), e,
                                   [](const Entry& a, const Entry& b) { return a.path < b.path; });
        return it == changed.end() || !same_entry(*it, e);
      });
    }
    std::erase_if(entries, [&](const Entry& e) {
      return !seen.insert(EntryKey{e.path, e.mode, e.id}).second;
    });
    if (!entries.empty()) out.push_back(CommitEntries{commit.id, std::move(entries)});
  }
  return out;
}

Result<std::vector<CommitInfo>> commits_gained(const Repository& repository, const RefPlan& plan,
                                               const ReviewsConfig& reviews) {
  const std::string& old_id = plan.update.old_id;
  const bool created = std::all_of(old_id.begin(), old_id.end(), [](char c) { return c == '0'; });
  std::string base;
  if (!created) {
    Result<std::string> old_tip = repository.resolve_commit(old_id);
    if (!old_tip) return Error::wrap(old_tip.error(), "read the old tip " + old_id);
    base = std::move(old_tip.value());
  } else if (!reviews.codeowners_ref.empty()) {
    // Unreadable: the rule that reads CODEOWNERS there reports it; judge the new commits.
    Result<std::string> tip = repository.resolve_commit(reviews.codeowners_ref);
    if (tip) base = std::move(tip.value());
  }
  if (base.empty()) return read_commits(repository, plan.new_commits);
  Result<std::vector<std::string>> ids = repository.new_commits(plan.tip, {base});
  if (!ids)
    return Error::wrap(ids.error(), "list the commits between " + base + " and " + plan.tip);
  return read_commits(repository, ids.value());
}

Result<std::vector<CommitPaths>> changed_paths(const Repository& repository,
                                               std::span<const CommitInfo> commits) {
  // Added, modified, type-changed or deleted between `parent` ("" = the empty tree) and `commit`.
  const auto paths_against = [&](const std::string& parent,
                                 const std::string& commit) -> Result<std::vector<std::string>> {
    Result<TreeChanges> diff = repository.diff_trees(parent, commit);
    if (!diff) return Error::wrap(diff.error(), "diff commit " + commit);
    std::vector<std::string> paths = std::move(diff.value().deleted);
    for (Entry& entry : diff.value().changed) paths.push_back(std::move(entry.path));
    std::sort(paths.begin(), paths.end());
    return paths;
  };
  std::vector<CommitPaths> out;
  for (const CommitInfo& commit : commits) {
    Result<std::vector<std::string>> first =
        paths_against(commit.parents.empty() ? "" : commit.parents.front(), commit.id);
    if (!first) return first.error();
    std::vector<std::string> paths = std::move(first.value());
    // A merge: only what differs from every parent (its own edits); what it takes from one side
    // was changed by that side's commits, which the ref gains and which are judged themselves.
    for (std::size_t p = 1; p < commit.parents.size() && !paths.empty(); ++p) {
      Result<std::vector<std::string>> other = paths_against(commit.parents[p], commit.id);
      if (!other) return other.error();
      std::vector<std::string> both;
      std::set_intersection(paths.begin(), paths.end(), other.value().begin(), other.value().end(),
                            std::back_inserter(both));
      paths = std::move(both);
    }
    if (!paths.empty()) out.push_back(CommitPaths{commit.id, std::move(paths)});
  }
  return out;
}

std::vector<std::string_view> message_lines(std::string_view message) {
  std::vector<std::string_view> lines;
  while (!message.empty()) {
    const std::size_t end = message.find('\n');
    std::string_view line = message.substr(0, end);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    message.remove_prefix(end + 1);
  }
  return lines;
}

std::uint32_t message_line_at(std::string_view message, std::size_t offset) {
  offset = std::min(offset, message.size());
  return static_cast<std::uint32_t>(
      1 + std::count(message.begin(), message.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

}  // namespace pushgate
