#pragma once
// What the commit and file rules judge, read once per ref by run_git_rules and shared by every
// rule: the new commits of the push (reachable from the new tip and from no existing ref, as
// RefPlan::new_commits has them) and the entries those commits bring.
//
// An entry is new in a commit when it differs from the same path in every parent (a root commit:
// every entry). A merge that takes a file from one side brings nothing new there: that side's own
// commits, or the existing ref it came from, already had it; an evil merge's own edits differ from
// both sides and are judged. Each (path, mode, blob) is judged once per ref, in the first commit
// that brings it. Unchanged subtrees are skipped (Repository::diff_trees).
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/config/reviews_config.h"
#include "core/git/repository.h"
#include "core/push/push_plan.h"
#include "core/source/snapshot.h"

namespace pushgate {

struct CommitEntries {
  std::string commit;
  std::vector<Entry> entries;  // sorted by path
};

// The new commits in `commit_ids` order (parents before children).
Result<std::vector<CommitInfo>> read_commits(const Repository& repository,
                                             std::span<const std::string> commit_ids);

// The new entries of each commit, without repeats across the commits; commits that bring no new
// entry are left out.
Result<std::vector<CommitEntries>> new_entries(const Repository& repository,
                                               std::span<const CommitInfo> commits);

// The commits the ref of `plan` gains, parents first: reachable from the new tip and not from the
// old one (an update), or not from the tip of `reviews.codeowners_ref` (a creation, when set);
// other creations gain the commits new to the repository (RefPlan::new_commits).
Result<std::vector<CommitInfo>> commits_gained(const Repository& repository, const RefPlan& plan,
                                               const ReviewsConfig& reviews);

// The paths one commit changes, for the ownership rules (git/codeowners, git/policy-admins).
struct CommitPaths {
  std::string commit;
  std::vector<std::string> paths;  // added, modified, type-changed or deleted; sorted
};

// What each commit changes against its first parent (a root commit: every path), deletions
// included. A merge changes only what differs from every parent (its own edits): what it takes
// from one side, that side's commits changed, and the ownership rules judge every commit the ref
// gains (commits_gained). Commits that change nothing are left out.
Result<std::vector<CommitPaths>> changed_paths(const Repository& repository,
                                               std::span<const CommitInfo> commits);

// The message split into lines ("\n"-separated, a trailing "\r" dropped); line i is numbered i+1.
std::vector<std::string_view> message_lines(std::string_view message);

// The 1-based line of `message` that byte `offset` falls on.
std::uint32_t message_line_at(std::string_view message, std::size_t offset);

}  // namespace pushgate
