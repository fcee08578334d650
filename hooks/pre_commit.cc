// pre-commit: the staged index, as the commit being made will record it.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "core/source/git_index_snapshot.h"
#include "core/source/git_tree_snapshot.h"
#include "core/tree/object_index_store.h"
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

}  // namespace

int run_pre_commit(const HookOptions& options, std::ostream& err) {
  const auto started = HookClock::now();
  Result<Repository> repository = open_repository(options);
  if (!repository) {
    // No repository, no .pushgate.yaml to read: fail closed with the built-in policy.
    return finish_hook(
        options,
        {internal_error_finding("cannot open the repository: " + repository.error().message)},
        CheckStats{}, {}, started, err);
  }
  const Repository& repo = repository.value();
  ConfigLoad load = load_local_hook_config(options.config_path, repo.work_dir());
  if (!load.config) {
    return finish_hook(options, std::move(load.findings), CheckStats{}, {}, started, err,
                       /*force_reject=*/true);
  }
  const Config& config = *load.config;
  FindingList findings = std::move(load.findings);
  auto fail = [&](const std::string& message) {
    findings.push_back(internal_error_finding(message));
    apply_internal_error_policy(findings, config.on_internal_error);
    return finish_hook(options, std::move(findings), CheckStats{}, {}, started, err);
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

  const Snapshot& snap = *snapshot.value();
  std::vector<Entry> changed = staged_changes(snap.entries(), head_entries);
  Engine engine(config, options.jobs);
  const bool anything = std::any_of(changed.begin(), changed.end(),
                                    [&](const Entry& e) { return engine.selects(snap, e); });
  std::vector<std::string> deleted = staged_deletions(snap.entries(), head_entries);
  // Exit fast: nothing pushgate reads changed, and nothing was deleted that something may refer to.
  if (!anything && deleted.empty() && findings.empty()) return 0;

  CheckRequest request;
  request.snapshot = &snap;
  request.files = std::move(changed);
  request.deleted = std::move(deleted);
  // The tree before the commit (HEAD) and the object index in .git, for the cross-file rules
  // that report what this commit breaks (docs/gitops.md).
  // HEAD is listed only if a rule asks for it.
  std::optional<ObjectIndexStore> index;
  if (engine.wants_base()) {
    if (head) request.base = GitTreeSnapshot::opener(repo, head.value());
    index.emplace(ObjectIndexStore::open(object_index_path(repo.git_dir()),
                                         ObjectIndexStore::index_key(engine.limits())));
    request.summaries = &*index;
  }
  CheckOutcome outcome = engine.check(request);
  if (index) (void)index->save();
  for (Finding& f : outcome.findings) findings.push_back(std::move(f));
  apply_internal_error_policy(findings, config.on_internal_error);
  return finish_hook(options, std::move(findings), outcome.stats, {}, started, err);
}

}  // namespace pushgate
