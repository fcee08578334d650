// pre-commit: the staged index, as the commit being made will record it. A door of the gate
// (core/gate/gate.h).
#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "core/gate/gate.h"
#include "core/source/git_index_snapshot.h"
#include "hooks/hook_report.h"
#include "hooks/hooks.h"

namespace pushgate {
namespace {

// Staged entries that differ from HEAD's tree (new, modified or with a new mode): what the
// commit being made changes. An unborn branch has no HEAD: every staged entry is new.
std::vector<Entry> staged_changes(const std::vector<Entry>& staged,
                                  const std::vector<Entry>& head) {
  std::map<std::string_view, const Entry*> before;
  for (const Entry& e : head) before.emplace(e.path, &e);
  std::vector<Entry> changed;
  for (const Entry& e : staged) {
    auto it = before.find(e.path);
    if (it == before.end() || it->second->id != e.id || it->second->mode != e.mode) {
      changed.push_back(e);
    }
  }
  return changed;
}

// Paths HEAD has that the index no longer has.
std::vector<std::string> staged_deletions(const std::vector<Entry>& staged,
                                          const std::vector<Entry>& head) {
  std::set<std::string_view> now;
  for (const Entry& e : staged) now.insert(e.path);
  std::vector<std::string> deleted;
  for (const Entry& e : head) {
    if (!now.contains(e.path)) deleted.push_back(e.path);
  }
  return deleted;
}

Result<Repository> open_repository(const HookOptions& options) {
  std::string git_dir = options.environment.get_or("GIT_DIR", "");
  if (!git_dir.empty()) return Repository::open(resolve_against(options.directory, git_dir));
  return Repository::discover(options.directory);
}

// Everything the pre-commit hook knows, gathered for the verdict pass (see judge_push in
// pre_receive.cc): a stage that cannot go on returns what it has.
VerdictRequest judge_commit(const HookOptions& options, HookClock::time_point started) {
  VerdictRequest verdict;
  verdict.started = started;
  Result<Repository> repository = open_repository(options);
  if (!repository) {
    // No repository, no .pushgate.yaml to read: fail closed with the built-in policy.
    verdict.findings.push_back(
        internal_error_finding("cannot open the repository: " + repository.error().message));
    return verdict;
  }
  const Repository& repo = repository.value();
  ConfigLoad load = load_local_hook_config(options.config_path, repo.work_dir());
  verdict.findings = std::move(load.findings);
  if (!load.config) {
    verdict.config_failed = true;
    return verdict;
  }
  const Config& config = *load.config;
  verdict.on_internal_error = config.on_internal_error;
  use_config_baseline(config, verdict);
  auto fail = [&](const std::string& message) {
    verdict.findings.push_back(internal_error_finding(message));
    return std::move(verdict);
  };

  std::string index_file =
      resolve_against(options.directory, options.environment.get_or("GIT_INDEX_FILE", ""));
  Result<std::unique_ptr<GitIndexSnapshot>> snapshot = GitIndexSnapshot::open(repo, index_file);
  if (!snapshot) return fail("cannot read the staged index: " + snapshot.error().message);
  std::vector<Entry> head_entries;
  Result<std::string> head = repo.resolve_commit("HEAD");
  if (head) {
    Result<std::vector<Entry>> listed = repo.list_tree(head.value());
    if (!listed) return fail("cannot read HEAD: " + listed.error().message);
    head_entries = std::move(listed.value());
  } else if (head.error().code != ErrorCode::kNotFound) {
    return fail("cannot resolve HEAD: " + head.error().message);
  }

  // The staged index against HEAD; cross-file rules list HEAD (the tree before the commit) only
  // if they ask for it, and take unchanged files from the object index in .git (docs/gitops.md).
  const Snapshot& snap = *snapshot.value();
  GateRequest gate;
  gate.config = &config;
  gate.jobs = options.jobs;
  gate.repository = &repo;
  GateChange& change = gate.changes.emplace_back();
  change.state.snapshot = &snap;
  if (head) change.state.base = head.value();
  change.state.changed = staged_changes(snap.entries(), head_entries);
  change.state.deleted = staged_deletions(snap.entries(), head_entries);
  GateOutcome outcome = run_gate(gate);
  for (Finding& f : outcome.findings) verdict.findings.push_back(std::move(f));
  verdict.stats = outcome.stats;
  // Exit fast: nothing pushgate reads changed, and nothing was deleted that something may refer
  // to.
  verdict.quiet = !outcome.checked_any;
  return verdict;
}

}  // namespace

int run_pre_commit(const HookOptions& options, std::ostream& err) {
  return finish_hook(options, judge_commit(options, HookClock::now()), err);
}

}  // namespace pushgate
