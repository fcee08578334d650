#include "hooks/push_checker.h"

#include <algorithm>
#include <memory>

#include "core/source/git_tree_snapshot.h"
#include "hooks/hook_report.h"

namespace pushgate {
namespace {

Finding internal_error(const std::string& ref, const std::string& commit,
                       const std::string& message) {
  Finding f = Finding::at("internal/error", Severity::kError, "", {}, message);
  f.ref = ref;
  f.commit = commit;
  return f;
}

void add_stats(CheckStats& total, const CheckStats& more) {
  total.files += more.files;
  total.documents += more.documents;
  total.bytes += more.bytes;
}

// Checks `files` of `commit` for `ref`; appends findings.
// `base`: the commit `files` and `deleted` are relative to ("" for none: a new history).
void check_commit(const Repository& repository, const Engine& engine, const std::string& ref,
                  const std::string& commit, const std::string& base,
                  const std::vector<Entry>& files, const std::vector<std::string>& deleted,
                  const PushContext& context, PushCheck& out) {
  if (files.empty() && deleted.empty()) return;
  Result<std::unique_ptr<GitTreeSnapshot>> snapshot =
      GitTreeSnapshot::open(repository, commit, ref);
  if (!snapshot) {
    out.findings.push_back(internal_error(
        ref, commit, "cannot read commit " + commit + ": " + snapshot.error().message));
    return;
  }
  const Snapshot& snap = *snapshot.value();
  // Exit fast: nothing pushgate parses or judges changed (e.g. only a README). Deletions are
  // judged by whole-tree rules (what still refers to the deleted path).
  if (deleted.empty() && std::none_of(files.begin(), files.end(),
                                      [&](const Entry& e) { return engine.selects(snap, e); })) {
    return;
  }
  CheckRequest request;
  request.snapshot = &snap;
  // The tree before the change, listed only if some rule asks for it (most pushes break nothing).
  if (!base.empty()) request.base = GitTreeSnapshot::opener(repository, base, ref);
  request.summaries = context.summaries;
  request.files = files;
  request.deleted = deleted;
  request.ref = ref;
  request.commit = commit;
  // For policies that ask who pushed where (the OPA input).
  request.repository = repository.git_dir();
  if (context.pusher) request.pusher = context.pusher->name;
  CheckOutcome outcome = engine.check(request);
  out.checked_any = true;
  add_stats(out.stats, outcome.stats);
  for (Finding& f : outcome.findings) {
    if (f.ref.empty()) f.ref = ref;
    if (f.commit.empty()) f.commit = commit;
    out.findings.push_back(std::move(f));
  }
}

}  // namespace

PushCheck check_push(const Repository& repository, const PushPlan& plan, const Engine& engine,
                     const Config& config, const PushContext& context) {
  PushCheck out;
  for (const RefPlan& ref : plan.refs) {
    RefOutcome outcome;
    outcome.ref = ref.update.ref;
    outcome.old_id = ref.update.old_id;
    outcome.new_id = ref.update.new_id;
    out.refs.push_back(outcome);

    for (const Finding& f : ref.findings) out.findings.push_back(f);
    if (ref.error) {
      out.findings.push_back(internal_error(ref.update.ref, ref.update.new_id,
                                            "cannot plan the update: " + ref.error->message));
      continue;
    }
    run_git_rules(repository, ref, config.refs, context.pusher, context.push_options, out.findings,
                  context.pusher_hint);
    if (!ref.has_files()) continue;
    if (config.validate == ValidateMode::kEveryCommit) {
      for (const CommitChanges& commit : ref.commits) {
        check_commit(repository, engine, ref.update.ref, commit.commit, commit.parent,
                     commit.changed, commit.deleted, context, out);
      }
    } else {
      check_commit(repository, engine, ref.update.ref, ref.tip, ref.base, ref.changed, ref.deleted,
                   context, out);
    }
  }
  apply_internal_error_policy(out.findings, config.on_internal_error);
  decide_refs(out.findings, out.refs);
  return out;
}

void decide_refs(const FindingList& findings, std::vector<RefOutcome>& refs) {
  for (RefOutcome& ref : refs) {
    ref.counts = SeverityCounts{};
    for (const Finding& f : findings) {
      if (f.ref != ref.ref) continue;
      if (f.severity == Severity::kError) ++ref.counts.errors;
      if (f.severity == Severity::kWarning) ++ref.counts.warnings;
      if (f.severity == Severity::kInfo) ++ref.counts.infos;
    }
    ref.decision = ref.counts.errors > 0 ? Decision::kReject : Decision::kAccept;
  }
}

}  // namespace pushgate
