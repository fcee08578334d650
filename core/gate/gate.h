#pragma once
// The gate: the one pipeline behind every door (pre-receive, update, pre-commit, `pushgate
// check`). A door only translates: it builds a GateRequest from git's stdin and environment or
// from its arguments, calls run_gate, hands the outcome to the verdict pass
// (core/decision/verdict.h), prints the report and exits.
//
//   GateRequest request{&config};
//   request.repository = &repository;
//   request.changes = changes_of_push(plan.value());     // or a range, the staged index, a tree
//   request.push.pusher = find_pusher(environment, config.pusher);
//   GateOutcome outcome = run_gate(request);
//
// For every change the gate runs the git rules (validators/git) on the ref update it carries and
// the engine (core/engine) on every state whose files changed; it owns the engine, the object
// index beside the repository (docs/gitops.md) and the statistics. It knows nothing about hooks,
// arguments, output formats or exit codes, and it does not decide: findings go to the verdict.
#include <optional>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/engine/engine.h"
#include "core/git/repository.h"
#include "core/push/push_plan.h"
#include "core/report/report.h"
#include "core/source/snapshot.h"
#include "validators/git/git_rule.h"

namespace pushgate {

// One state whose files are checked: a commit against the one before it, the staged index
// against HEAD, or a directory.
struct GateState {
  std::string commit;  // the commit checked; "" for the staged index or a directory
  std::string base;    // the commit `changed` and `deleted` are relative to; "" for none
  // Set by the door when the state is not a commit (the staged index, a directory); null: the gate
  // opens `commit` from the repository.
  const Snapshot* snapshot = nullptr;
  // The entries to validate. For a commit (snapshot null) with a base, `changed` and `deleted` are
  // the whole tree diff from base to commit: the gate lists the commit by patching the base's
  // kept listing with them (core/source/tree_listing_cache.h).
  std::vector<Entry> changed;
  std::vector<std::string> deleted;  // whole-tree rules judge what still refers to them
};

// One change: a ref update (a push's, or a commit range judged as one by `check --git`), or a
// state with no ref (the staged index, a directory).
struct GateChange {
  // The git rules judge it; its states are those the plan lists (the tip against its base, or
  // every new commit in every-commit mode). nullopt: `state` alone.
  std::optional<RefPlan> update;
  GateState state;
};

// What the push says beyond its ref updates (`refs:` rules, OPA input, break-glass).
struct PushFacts {
  std::optional<Pusher> pusher;                                 // hooks/pusher.h
  std::vector<std::string> push_options;                        // `git push -o …`
  std::string pusher_hint = std::string(kPusherVariablesHint);  // where the pusher was looked for
  // false outside a push (`check --git`): nobody pushed, so the git rules that need a pusher say
  // they were not checked (a notice) instead of failing closed.
  bool has_pusher = true;
};

struct GateRequest {
  const Config* config = nullptr;
  unsigned jobs = 0;                       // engine workers; 0: one per core
  const Repository* repository = nullptr;  // null for a directory
  std::vector<GateChange> changes;         // in push order
  PushFacts push;
  // The door's process ends right after the report: the object index is saved but not freed
  // (tearing 10,000 summaries down one allocation at a time took 15 % of a 1-file push,
  // docs/benchmarks.md; the kernel takes the memory back at once, as clang's -disable-free).
  bool process_ends_after = false;
};

struct GateOutcome {
  FindingList findings;
  std::vector<RefOutcome> refs;  // one per ref update, in push order, not yet decided
  CheckStats stats;
  bool checked_any = false;  // the engine ran for at least one state (some file was selected)
};

GateOutcome run_gate(const GateRequest& request);

// The changes of a planned push, one per ref update.
std::vector<GateChange> changes_of_push(PushPlan plan);

// A commit range judged as an update of `ref` (`check --git A..B`): old value A (the single
// commit's first parent, or none), new value B, the range's commits as the new ones.
// `fast_forward` is read from the repository. Problems reading the range land in the plan's
// error, as for a push.
RefPlan update_of_range(const Repository& repository, RangePlan range, const std::string& ref);

// A finding for a check that could not run (repository unreadable, …); on_internal_error decides
// whether it rejects (core/decision/verdict.h).
Finding internal_error_finding(const std::string& message);

}  // namespace pushgate
