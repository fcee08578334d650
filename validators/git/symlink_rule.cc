#include "validators/git/symlink_rule.h"

#include <algorithm>

namespace pushgate {
namespace {

// True when `target`, followed from the directory holding `path`, stays inside the repository.
// Only the text is judged; a chain through other links is not followed.
bool stays_inside(std::string_view path, std::string_view target) {
  if (target.empty() || target.front() == '/') return false;
  long depth = static_cast<long>(std::count(path.begin(), path.end(), '/'));
  while (!target.empty()) {
    const std::size_t slash = target.find('/');
    const std::string_view part = target.substr(0, slash);
    if (part == "..") {
      if (--depth < 0) return false;
    } else if (!part.empty() && part != ".") {
      ++depth;
    }
    if (slash == std::string_view::npos) break;
    target.remove_prefix(slash + 1);
  }
  return true;
}

}  // namespace

void SymlinkRule::check_ref(const RefContext& context, FindingList& out) const {
  const SymlinkPolicy policy = context.rule.files.symlinks;
  if (policy == SymlinkPolicy::kAllow) return;
  for (const CommitEntries& commit : context.new_entries) {
    for (const Entry& entry : commit.entries) {
      if (entry.mode != EntryMode::kSymlink) continue;
      if (policy == SymlinkPolicy::kForbid) {
        out.push_back(file_finding(rule(), context, commit.commit, entry.path,
                                   "commit " + short_id(commit.commit) + " adds a symlink; " +
                                       context.plan.update.ref +
                                       " allows none: commit the file itself"));
        continue;
      }
      Result<std::string> target = context.repository.read_blob(entry.id);
      if (!target) {
        out.push_back(
            file_finding(rule(), context, commit.commit, entry.path,
                         "cannot read symlink " + entry.id + ": " + target.error().message));
        continue;
      }
      if (stays_inside(entry.path, target.value())) continue;
      out.push_back(file_finding(rule(), context, commit.commit, entry.path,
                                 "commit " + short_id(commit.commit) +
                                     " adds a symlink pointing outside the repository (to \"" +
                                     target.value() + "\"); " + context.plan.update.ref +
                                     " only allows relative links that stay inside the tree"));
    }
  }
}

}  // namespace pushgate
