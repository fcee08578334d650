#include "core/gate/gate.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "core/git/object_id.h"
#include "core/policy/policy_date.h"
#include "core/policy/policy_pass.h"
#include "core/source/git_tree_snapshot.h"
#include "core/source/tree_listing_cache.h"
#include "core/tree/object_index_store.h"

namespace pushgate {
namespace {

Finding internal_error(const std::string& ref, const std::string& commit,
                       const std::string& message) {
  Finding f = internal_error_finding(message);
  f.ref = ref;
  f.commit = commit;
  return f;
}

void add_stats(CheckStats& total, const CheckStats& more) {
  total.files += more.files;
  total.documents += more.documents;
  total.bytes += more.bytes;
}

bool has_files(const GateState& state) {
  return !state.changed.empty() || !state.deleted.empty();
}

// Some change has files for the engine.
bool wants_engine(const GateRequest& request) {
  return std::any_of(request.changes.begin(), request.changes.end(), [](const GateChange& c) {
    return c.update ? (!c.update->error && c.update->has_files()) : has_files(c.state);
  });
}

// The states of a change whose files are checked, in order.
std::vector<const GateState*> states_of(const GateChange& change, ValidateMode mode,
                                        std::vector<GateState>& storage) {
  if (!change.update) return {&change.state};
  const RefPlan& plan = *change.update;
  if (!plan.has_files()) return {};
  if (mode == ValidateMode::kEveryCommit) {
    for (const CommitChanges& c : plan.commits) {
      storage.push_back(GateState{c.commit, c.parent, nullptr, c.changed, c.deleted});
    }
  } else {
    storage.push_back(GateState{plan.tip, plan.base, nullptr, plan.changed, plan.deleted});
  }
  std::vector<const GateState*> states;
  for (const GateState& s : storage) states.push_back(&s);
  return states;
}

class Pipeline {
 public:
  explicit Pipeline(const GateRequest& request) : request_(request) {}

  GateOutcome run() {
    // Exit fast: nothing to parse (deletions, unvalidated refs, only unchanged content). The
    // engine, which builds every validator, is not even made.
    if (wants_engine(request_)) open_engine();
    for (const GateChange& change : request_.changes) run_change(change);
    close_object_index();
    if (listings_) (void)listings_->save();  // a cache, like the index
    return std::move(out_);
  }

 private:
  void open_engine() {
    engine_ = std::make_unique<Engine>(*request_.config, request_.jobs);
    // The object index beside the repository: cross-file rules take the summaries of unchanged
    // files from it instead of parsing the whole tree (docs/gitops.md). A cache only: failing to
    // write it costs the next run time, never a wrong decision.
    if (request_.repository != nullptr && engine_->wants_base()) {
      index_ = std::make_unique<ObjectIndexStore>(
          ObjectIndexStore::open(object_index_path(request_.repository->git_dir()),
                                 ObjectIndexStore::index_key(engine_->limits())));
    }
  }

  void close_object_index() {
    if (!index_) return;
    (void)index_->save();
    // GateRequest::process_ends_after: not freed, but kept reachable from a static that is never
    // destroyed, so that leak checkers (LeakSanitizer in tests/sanitize.sh) see it owned rather
    // than lost. A process that runs the gate again (the unit tests) frees the previous one.
    if (request_.process_ends_after) {
      static auto* const kept_until_exit = new std::unique_ptr<ObjectIndexStore>();
      *kept_until_exit = std::move(index_);
    }
  }

  void run_change(const GateChange& change) {
    std::string ref;
    if (change.update) {
      const RefPlan& plan = *change.update;
      ref = plan.update.ref;
      RefOutcome outcome;
      outcome.ref = plan.update.ref;
      outcome.old_id = plan.update.old_id;
      outcome.new_id = plan.update.new_id;
      out_.refs.push_back(outcome);
      for (const Finding& f : plan.findings) out_.findings.push_back(f);
      if (plan.error) {
        out_.findings.push_back(internal_error(plan.update.ref, plan.update.new_id,
                                               "cannot plan the update: " + plan.error->message));
        return;
      }
      if (request_.repository != nullptr) run_git_rules_of(plan);
    }
    if (!engine_) return;
    std::vector<GateState> storage;
    for (const GateState* state : states_of(change, request_.config->validate, storage)) {
      check_state(*state, ref);
    }
  }

  // The git rules of one ref update, graded by `policies:` as file rules are (`off`, severity
  // overrides, `paths` scopes, exceptions).
  void run_git_rules_of(const RefPlan& plan) {
    FindingList found;
    run_git_rules(*request_.repository, plan, request_.config->refs, request_.push.pusher,
                  request_.push.push_options, found, request_.push.pusher_hint,
                  request_.push.has_pusher);
    if (found.empty()) return;
    if (!git_policy_) git_policy_.emplace(request_.config->policies, today_in_days());
    git_policy_->apply_unfiled(found);
    for (Finding& f : found) out_.findings.push_back(std::move(f));
  }

  // Checks the files of one state; appends findings.
  void check_state(const GateState& state, const std::string& ref) {
    if (!has_files(state)) return;
    std::unique_ptr<GitTreeSnapshot> opened;
    const Snapshot* snap = state.snapshot;
    if (snap == nullptr) {
      if (request_.repository == nullptr) {
        out_.findings.push_back(internal_error(ref, state.commit, "no repository to read from"));
        return;
      }
      // The previous tree's listing patched with the change when it is kept (tree_listing_cache.h).
      if (!listings_) listings_.emplace(tree_listing_path(request_.repository->git_dir()));
      Result<std::unique_ptr<GitTreeSnapshot>> read = listings_->open(
          *request_.repository, state.commit, ref, state.base, state.changed, state.deleted);
      if (!read) {
        out_.findings.push_back(internal_error(
            ref, state.commit, "cannot read commit " + state.commit + ": " + read.error().message));
        return;
      }
      opened = std::move(read.value());
      snap = opened.get();
    }
    // Exit fast: nothing pushgate parses or judges changed (e.g. only a README). Deletions are
    // judged by whole-tree rules (what still refers to the deleted path).
    if (state.deleted.empty() &&
        std::none_of(state.changed.begin(), state.changed.end(),
                     [&](const Entry& e) { return engine_->selects(*snap, e); })) {
      return;
    }
    CheckRequest request;
    request.snapshot = snap;
    // The tree before the change, listed only if some rule asks for it (most changes break
    // nothing).
    if (!state.base.empty() && request_.repository != nullptr) {
      request.base = GitTreeSnapshot::opener(*request_.repository, state.base, ref);
      request.base_at =
          [repository = request_.repository, commit = state.base,
           ref](std::span<const std::string> paths) -> Result<std::unique_ptr<Snapshot>> {
        Result<std::unique_ptr<GitTreeSnapshot>> opened =
            GitTreeSnapshot::at_paths(*repository, commit, paths, ref);
        if (!opened) return opened.error();
        return std::unique_ptr<Snapshot>(std::move(opened).value());
      };
    }
    request.summaries = index_.get();
    request.files = state.changed;
    request.deleted = state.deleted;
    request.ref = ref;
    request.commit = state.commit;
    // For policies that ask who pushed where (the OPA input).
    if (request_.repository != nullptr && !ref.empty()) {
      request.repository = request_.repository->git_dir();
    }
    if (request_.push.pusher) request.pusher = request_.push.pusher->name;
    CheckOutcome outcome = engine_->check(request);
    out_.checked_any = true;
    add_stats(out_.stats, outcome.stats);
    for (Finding& f : outcome.findings) {
      if (f.ref.empty()) f.ref = ref;
      if (f.commit.empty()) f.commit = state.commit;
      out_.findings.push_back(std::move(f));
    }
  }

  const GateRequest& request_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<ObjectIndexStore> index_;
  std::optional<TreeListingCache> listings_;  // made at the first commit listed
  std::optional<PolicyPass> git_policy_;      // made at the first git finding
  GateOutcome out_;
};

}  // namespace

GateOutcome run_gate(const GateRequest& request) {
  return Pipeline(request).run();
}

std::vector<GateChange> changes_of_push(PushPlan plan) {
  std::vector<GateChange> changes;
  for (RefPlan& ref : plan.refs) {
    GateChange& change = changes.emplace_back();
    change.update = std::move(ref);
  }
  return changes;
}

RefPlan update_of_range(const Repository& repository, RangePlan range, const std::string& ref) {
  RefPlan plan;
  const bool tag = ref.starts_with("refs/tags/");
  std::string old_id = range.range.from;
  if (old_id.empty() && !range.commits.empty()) old_id = range.commits.front().parent;
  plan.update.ref = ref;
  plan.update.new_id = range.range.to;
  plan.update.old_id = old_id.empty() ? std::string(range.range.to.size(), '0') : old_id;
  plan.kind = old_id.empty() ? (tag ? RefUpdateKind::kTagCreate : RefUpdateKind::kCreate)
                             : (tag ? RefUpdateKind::kTagMove : RefUpdateKind::kUpdate);
  plan.validated = true;
  plan.tip = range.range.to;
  plan.base = std::move(range.base);
  plan.changed = std::move(range.changed);
  plan.deleted = std::move(range.deleted);
  for (const CommitChanges& c : range.commits) plan.new_commits.push_back(c.commit);
  plan.commits = std::move(range.commits);
  if (!old_id.empty() && old_id != plan.tip) {
    Result<bool> descends = repository.is_descendant_of(plan.tip, old_id);
    if (descends) {
      plan.fast_forward = descends.value();
    } else {
      plan.error = Error::wrap(descends.error(), ref);
    }
  }
  return plan;
}

Finding internal_error_finding(const std::string& message) {
  return Finding::at("internal/error", Severity::kError, "", {}, message);
}

}  // namespace pushgate
