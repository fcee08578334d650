// pre-receive and update: the server side of a push.
#include <algorithm>
#include <filesystem>
#include <istream>
#include <memory>
#include <optional>

#include "core/git/object_id.h"
#include "core/push/push_plan.h"
#include "core/tree/object_index_store.h"
#include "hooks/bypass.h"
#include "hooks/hook_report.h"
#include "hooks/hooks.h"
#include "hooks/push_checker.h"
#include "hooks/pusher.h"
#include "hooks/ref_update_reader.h"

namespace pushgate {
namespace {

std::vector<RefOutcome> outcomes_of(const std::vector<RefUpdate>& updates) {
  std::vector<RefOutcome> refs;
  for (const RefUpdate& u : updates) {
    RefOutcome ref;
    ref.ref = u.ref;
    ref.old_id = u.old_id;
    ref.new_id = u.new_id;
    refs.push_back(std::move(ref));
  }
  return refs;
}

std::string hook_git_dir(const HookOptions& options) {
  std::string git_dir = options.environment.get_or("GIT_DIR", "");
  return git_dir.empty() ? options.directory : resolve_against(options.directory, git_dir);
}

// The repository's absolute path, for the audit log.
std::string repository_path(const HookOptions& options) {
  std::error_code ec;
  std::filesystem::path path = std::filesystem::absolute(hook_git_dir(options), ec);
  if (ec) return hook_git_dir(options);
  path = std::filesystem::weakly_canonical(path, ec);
  std::string text = path.lexically_normal().string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

// Everything after the input is known: open the repository with the quarantine, plan, check,
// apply a requested bypass.
int check_request(const HookOptions& options, const Config& config, FindingList findings,
                  const PushRequest& request, HookClock::time_point started, std::ostream& err,
                  ServerHookRun& run) {
  std::vector<RefOutcome> refs = outcomes_of(request.updates);
  const bool only_deletions =
      std::all_of(request.updates.begin(), request.updates.end(),
                  [](const RefUpdate& u) { return is_zero_object_id(u.new_id); });
  // Nothing to read: exit fast, unless git rules (`refs:`) judge the deletions themselves.
  if (only_deletions && findings.empty() && config.refs.empty()) {
    return accept_quietly(options, std::move(refs), started, err, run);
  }

  GitEnvironment git_env = options.environment.git();
  git_env.git_dir = hook_git_dir(options);
  for (std::string* dir : {&git_env.object_directory, &git_env.quarantine_path}) {
    *dir = resolve_against(options.directory, *dir);
  }
  auto fail = [&](const std::string& message) {
    findings.push_back(internal_error_finding(message));
    apply_internal_error_policy(findings, config.on_internal_error);
    return finish_hook(options, std::move(findings), CheckStats{}, std::move(refs), started, err,
                       false, &run);
  };

  Result<Repository> repository = Repository::open_for_hook(git_env);
  if (!repository) return fail("cannot open the repository: " + repository.error().message);
  Result<PushPlan> plan = plan_push(repository.value(), request.updates, config);
  if (!plan) return fail("cannot plan the push: " + plan.error().message);
  if (plan.value().nothing_to_check() && findings.empty() && config.refs.empty()) {
    return accept_quietly(options, std::move(refs), started, err, run);
  }

  Engine engine(config, options.jobs);
  PushContext context{run.facts.pusher, request.push_options, pusher_variables_hint(config.pusher)};
  // The object index beside the repository: cross-file rules take the summaries of unchanged
  // files from it instead of parsing the whole tree (docs/gitops.md). A cache only: failing to
  // write it costs the next push time, never a wrong decision.
  std::unique_ptr<ObjectIndexStore> index;
  if (engine.wants_base()) {
    index = std::make_unique<ObjectIndexStore>(
        ObjectIndexStore::open(object_index_path(repository.value().git_dir()),
                               ObjectIndexStore::index_key(engine.limits())));
    context.summaries = index.get();
  }
  PushCheck check = check_push(repository.value(), plan.value(), engine, config, context);
  if (index) {
    (void)index->save();
    // Deliberately not freed: the hook process ends right after its report, and tearing down
    // 10,000 file summaries one allocation at a time took 15 % of a 1-file push
    // (docs/benchmarks.md); the kernel takes the memory back at once (compilers do the same,
    // e.g. clang's -disable-free).
    (void)index.release();
  }
  for (Finding& f : check.findings) findings.push_back(std::move(f));
  run.facts.bypass = apply_bypass(config.bypass, context.pusher, context.pusher_hint,
                                  request.push_options, check.refs, findings);
  decide_refs(findings, check.refs);
  if (!check.checked_any && findings.empty()) {
    return accept_quietly(options, std::move(check.refs), started, err, run);
  }
  return finish_hook(options, std::move(findings), check.stats, std::move(check.refs), started, err,
                     false, &run);
}

// Loads the server config; on failure writes the report and returns the exit code.
std::optional<int> load_config_or_reject(const HookOptions& options, ConfigLoad& load,
                                         HookClock::time_point started, std::ostream& err) {
  load = load_server_config(options.config_path, hook_git_dir(options), options.system_config_path);
  if (load.config) return std::nullopt;
  return finish_hook(options, std::move(load.findings), CheckStats{}, {}, started, err,
                     /*force_reject=*/true);
}

int run_push_hook(const HookOptions& options, const std::string& hook_name,
                  Result<std::vector<RefUpdate>> updates, HookClock::time_point started,
                  std::ostream& err) {
  ConfigLoad load;
  if (std::optional<int> code = load_config_or_reject(options, load, started, err)) return *code;
  const Config& config = *load.config;
  ServerHookRun run;
  run.config = &config;
  run.facts.hook = hook_name;
  run.facts.repository = repository_path(options);
  run.facts.pusher = find_pusher(options.environment, config.pusher);
  if (!updates) {
    return finish_hook(options, {hook_input_finding(updates.error().message)}, CheckStats{}, {},
                       started, err, false, &run);
  }
  Result<std::vector<std::string>> push_options = options.environment.push_options();
  if (!push_options) {
    return finish_hook(options, {hook_input_finding(push_options.error().message)}, CheckStats{},
                       outcomes_of(updates.value()), started, err, false, &run);
  }
  PushRequest request{std::move(updates.value()), std::move(push_options.value())};
  // Config warnings (e.g. deprecated keys) travel with the run's findings.
  return check_request(options, config, std::move(load.findings), request, started, err, run);
}

}  // namespace

int run_pre_receive(const HookOptions& options, std::istream& in, std::ostream& err) {
  const auto started = HookClock::now();
  // stdin first, whole: git writes all lines before it reads our verdict.
  return run_push_hook(options, "pre-receive", read_ref_updates(in), started, err);
}

int run_update(const HookOptions& options, const std::string& ref, const std::string& old_id,
               const std::string& new_id, std::ostream& err) {
  const auto started = HookClock::now();
  Result<RefUpdate> update = validate_ref_update(RefUpdate{old_id, new_id, ref});
  Result<std::vector<RefUpdate>> updates =
      update ? Result<std::vector<RefUpdate>>(std::vector<RefUpdate>{update.value()})
             : Result<std::vector<RefUpdate>>(
                   Error::wrap(update.error(), "update hook arguments <ref> <old-oid> <new-oid>"));
  return run_push_hook(options, "update", std::move(updates), started, err);
}

}  // namespace pushgate
