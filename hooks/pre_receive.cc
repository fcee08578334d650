// pre-receive and update: the server side of a push. A door of the gate (core/gate/gate.h):
// git's stdin and environment in, the verdict's report to stderr and the exit code out.
#include <algorithm>
#include <filesystem>
#include <istream>

#include "core/gate/gate.h"
#include "core/git/object_id.h"
#include "core/push/push_plan.h"
#include "hooks/hook_report.h"
#include "hooks/check_guard.h"
#include "hooks/hooks.h"
#include "hooks/push_certificate.h"
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

// GIT_PUSH_CERT_* name the pusher only when pushgate verified the certificate itself
// (push_certificate.h); otherwise they are recorded as untrusted and name nobody.
void identify_signed_pusher(const HookOptions& options, const Config& config,
                            const Repository& repository, const std::vector<RefUpdate>& updates,
                            AuditFacts& facts) {
  const PushCertVerdict certificate = verify_push_certificate(
      options.environment, repository, updates, config_gpg_keyrings(config));
  if (!certificate.present) return;
  facts.push_certificate = certificate.trusted ? "verified" : "untrusted";
  facts.pusher = find_pusher(options.environment, config.pusher, certificate);
}

// Everything a push hook knows, gathered for the verdict pass: the config, the input, the gate's
// outcome. A stage that cannot go on (a broken config, bad input, an unreadable repository)
// returns what it has; the hook's one exit is run_push_hook's.
VerdictRequest judge_push(const HookOptions& options, const std::string& hook_name,
                          Result<std::vector<RefUpdate>> updates, HookClock::time_point started) {
  VerdictRequest verdict;
  verdict.started = started;
  ConfigLoad load =
      load_server_config(options.config_path, hook_git_dir(options), options.system_config_path);
  if (!load.config) {
    verdict.findings = std::move(load.findings);
    verdict.config_failed = true;
    return verdict;
  }
  const Config& config = *load.config;
  verdict.on_internal_error = config.on_internal_error;
  verdict.audit = config.audit;
  verdict.bypass_hint = bypass_hint(config.bypass);
  verdict.facts.hook = hook_name;
  verdict.facts.repository = repository_path(options);
  verdict.facts.pusher = find_pusher(options.environment, config.pusher);
  verdict.facts.transport = hook_transport(options.environment);
  if (!updates) {
    verdict.findings.push_back(hook_input_finding(updates.error().message));
    return verdict;
  }
  verdict.refs = outcomes_of(updates.value());
  Result<std::vector<std::string>> push_options = options.environment.push_options();
  if (!push_options) {
    verdict.findings.push_back(hook_input_finding(push_options.error().message));
    return verdict;
  }
  // Config warnings (e.g. deprecated keys) travel with the run's findings.
  verdict.findings = std::move(load.findings);
  const bool only_deletions =
      std::all_of(updates.value().begin(), updates.value().end(),
                  [](const RefUpdate& u) { return is_zero_object_id(u.new_id); });
  // Nothing to read: exit fast, unless git rules (`refs:`) judge the deletions themselves.
  if (only_deletions && verdict.findings.empty() && config.refs.empty()) {
    verdict.quiet = true;
    return verdict;
  }

  GitEnvironment git_env = options.environment.git();
  git_env.git_dir = hook_git_dir(options);
  for (std::string* dir : {&git_env.object_directory, &git_env.quarantine_path}) {
    *dir = resolve_against(options.directory, *dir);
  }
  Result<Repository> repository = Repository::open_for_hook(git_env);
  if (!repository) {
    verdict.findings.push_back(
        internal_error_finding("cannot open the repository: " + repository.error().message));
    return verdict;
  }
  identify_signed_pusher(options, config, repository.value(), updates.value(), verdict.facts);
  Result<PushPlan> plan = plan_push(repository.value(), updates.value(), config);
  if (!plan) {
    verdict.findings.push_back(
        internal_error_finding("cannot plan the push: " + plan.error().message));
    return verdict;
  }
  if (plan.value().nothing_to_check() && verdict.findings.empty() && config.refs.empty()) {
    verdict.quiet = true;
    return verdict;
  }

  // Read only when something is checked: a push of deletions never pays for a large baseline.
  use_config_baseline(config, verdict);
  GateRequest gate;
  gate.config = &config;
  gate.jobs = options.jobs;
  gate.repository = &repository.value();
  gate.changes = changes_of_push(std::move(plan.value()));
  gate.push.pusher = verdict.facts.pusher;
  gate.push.push_options = push_options.value();
  gate.push.pusher_hint = pusher_variables_hint(config.pusher);
  gate.process_ends_after = true;
  // Out of memory (or any exception) ends in a verdict and an audit line, never in an abort
  // (check_guard.h); the gate's memory is free again when the failure is reported.
  const int checked = guard_check(
      [&] {
        GateOutcome outcome = run_gate(gate);
        for (Finding& f : outcome.findings) verdict.findings.push_back(std::move(f));
        verdict.refs = std::move(outcome.refs);
        verdict.stats = outcome.stats;
        verdict.quiet = !outcome.checked_any;
        return 0;
      },
      [&](const std::string& failure) {
        verdict.findings.push_back(internal_error_finding(
            "the check failed (" + failure +
            "); the push is rejected: lower files.max_push_bytes or give the hook more memory"));
        return 1;
      });
  if (checked != 0) return verdict;
  // A bypass trusts the pusher's name: only one the platform, the configured variable or a
  // verified certificate vouches for (pusher.h).
  const bool vouched = gate.push.pusher && identity_is_vouched_for(*gate.push.pusher, config.pusher,
                                                                   verdict.facts.transport);
  verdict.bypass =
      VerdictRequest::Bypass{config.bypass, vouched ? gate.push.pusher : std::nullopt,
                             gate.push.pusher_hint, std::move(push_options.value())};
  return verdict;
}

int run_push_hook(const HookOptions& options, const std::string& hook_name,
                  Result<std::vector<RefUpdate>> updates, HookClock::time_point started,
                  std::ostream& err) {
  return finish_hook(options, judge_push(options, hook_name, std::move(updates), started), err);
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
