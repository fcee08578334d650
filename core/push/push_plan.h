#pragma once
// What a push asks pushgate to check, ref by ref: the kind of each update, the commit to validate,
// the files that changed, and the commits that are new to the repository. Core code: it knows git
// but nothing about hooks, stdin or exit codes.
//
//   Result<PushPlan> plan = plan_push(repository, request.updates, config);
//   for (const RefPlan& ref : plan.value().refs) {
//     if (ref.error) ...                     // could not be planned: an internal error
//     if (ref.validated) check(ref.tip, ref.changed);   // or ref.commits in every-commit mode
//   }
//
// What "changed" means (docs/git-semantics.md):
// - an update or tag move: the tip's tree against the old tip's tree;
// - a creation: against the nearest commit the repository already has on the new tip's
//   first-parent line, i.e. the first one that is not new; when the whole line is new (an
//   entirely new history) every file of the tip is "changed";
// - every-commit mode: each new commit against its first parent (a root commit: every file).
// "New" commits are those reachable from the new tip and from no *validated* ref (a ref matching
// Config::validate_refs). Commits reachable only from refs that are not validated (refs/pull/…,
// refs/wip/…) never passed the gate, so they count as new: otherwise pushing bad content to an
// unvalidated ref and then pointing a branch at it would skip every check. During pre-receive the
// refs have not moved yet, so the existing refs are exactly the state before this push.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/config/config.h"
#include "core/finding/finding.h"
#include "core/git/repository.h"
#include "core/push/ref_update.h"
#include "core/source/snapshot.h"

namespace pushgate {

// One commit's changes against its first parent.
struct CommitChanges {
  std::string commit;
  std::string parent;                // first parent; "" for a root commit (every file changed)
  std::vector<Entry> changed;        // added, modified or type-changed entries, sorted
  std::vector<std::string> deleted;  // sorted
};

struct RefPlan {
  RefUpdate update;
  RefUpdateKind kind = RefUpdateKind::kUpdate;
  // kUpdate and kTagMove: the new commit descends from the old one (false for a force push).
  // Creations and deletions: true.
  bool fast_forward = true;
  // The ref matches Config::validate_refs and is not deleted. Other refs are planned (kind,
  // fast_forward, tip, new_commits) for git rules, but their files are not listed.
  bool validated = false;
  std::string tip;   // the commit the new value peels to; "" for deletions and non-commits
  std::string base;  // the commit `changed` is relative to; "" = the empty tree
  std::vector<Entry> changed;            // validate mode "tip": changed entries of `tip`, sorted
  std::vector<std::string> deleted;      // paths `tip` no longer has relative to `base`
  std::vector<std::string> new_commits;  // parents before children
  std::vector<CommitChanges> commits;    // validate mode "every-commit": one per new commit
  FindingList findings;                  // problems with the ref itself (e.g. a tag of a tree)
  std::optional<Error> error;            // the ref could not be planned (an unreadable object, …)

  bool is_deletion() const {
    return kind == RefUpdateKind::kDelete || kind == RefUpdateKind::kTagDelete;
  }
  // True when there are files to check for this ref (changed, or deleted: whole-tree rules
  // judge what still refers to a deleted path).
  bool has_files() const;
};

struct PushPlan {
  std::vector<RefPlan> refs;  // in the order of the updates
  // Nothing to read or validate: only deletions, unvalidated refs, or no changed files.
  bool nothing_to_check() const;
};

// Plans every update. An error here concerns the whole push (validate_refs does not compile, the
// refs cannot be listed); problems of one ref land in its RefPlan.
Result<PushPlan> plan_push(const Repository& repository, const std::vector<RefUpdate>& updates,
                           const Config& config);

// `check --git`: the commits of "A..B", "A...B" or a single revision, and what they change.
struct RangePlan {
  RevRange range;
  std::string base;                    // what `changed` is relative to; "" = the empty tree
  std::vector<Entry> changed;          // the tip's (range.to) entries changed against `base`
  std::vector<std::string> deleted;    // sorted
  std::vector<CommitChanges> commits;  // every commit of the range, parents first
};

// A single revision R means the commit R alone: its changes against its first parent.
Result<RangePlan> plan_range(const Repository& repository, std::string_view spec);

}  // namespace pushgate
