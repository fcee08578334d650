#include "cli/check_command.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/check_ci.h"
#include "cli/config_lookup.h"
#include "cli/output_options.h"
#include "core/decision/decision.h"
#include "core/decision/verdict.h"
#include "core/gate/gate.h"
#include "core/git/library.h"
#include "core/git/repository.h"
#include "core/push/push_plan.h"
#include "core/source/check_paths.h"
#include "core/source/directory_snapshot.h"

namespace pushgate::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string git_range;
  std::string ref;  // --ref: what --git judges the range as an update of
  std::string config_path;
  unsigned jobs = 0;
  OutputOptions output;
  CheckCiOptions ci;
};

// A problem that stops the command before any file is checked (exit 2).
int usage_failure(const OutputOptions& output, FindingList findings) {
  Report report = decide(std::move(findings), CheckStats{}, 0);
  report.decision = Decision::kReject;
  write_report(report, output, stdout, false);
  return 2;
}

Finding internal_error(std::string message) {
  return Finding::at("internal/error", Severity::kError, "", Position{}, std::move(message));
}

// The ref `--git` judges the range as an update of: --ref, else the branch HEAD is on; "" when
// HEAD is detached.
std::string ref_for_range(const Repository& repo, const std::string& explicit_ref) {
  if (!explicit_ref.empty()) {
    return explicit_ref.starts_with("refs/") ? explicit_ref : "refs/heads/" + explicit_ref;
  }
  std::FILE* file = std::fopen((repo.git_dir() + "/HEAD").c_str(), "r");
  if (file == nullptr) return "";
  char line[4096] = {};
  const bool read = std::fgets(line, sizeof line, file) != nullptr;
  std::fclose(file);
  std::string head = read ? line : "";
  while (!head.empty() && (head.back() == '\n' || head.back() == '\r')) head.pop_back();
  return head.starts_with("ref: refs/") ? head.substr(5) : "";
}

// `--git RANGE`: the range judged as an update of a ref, as the server would judge a push of it:
// the git rules (`refs:`) on the update, then the state the range's tip introduces (files
// changed against the range's base) or, with `validate: every-commit`, every commit of the range
// against its first parent. Nobody pushes: rules that need the pusher say so (a notice).
// With --new-only, what the range's base already had is dropped by fingerprint (pull requests).
Result<GateOutcome> check_git_range(const Config& config, const CheckOptions& options,
                                    std::set<std::string>& looked_at) {
  Result<Repository> repo = Repository::discover(".");
  if (!repo) return Error::wrap(repo.error(), "open the repository of the current directory");
  Result<RangePlan> plan = plan_range(repo.value(), options.git_range);
  if (!plan) return Error::wrap(plan.error(), "read range `" + options.git_range + "`");
  const std::string ref = ref_for_range(repo.value(), options.ref);
  for (const Entry& e : plan.value().changed) looked_at.insert(e.path);
  for (const std::string& path : plan.value().deleted) looked_at.insert(path);
  FindingList at_base;
  if (options.ci.new_only && !plan.value().base.empty()) {
    const Engine engine(config, options.jobs);
    Result<FindingList> earlier =
        findings_at_base(engine, repo.value(), plan.value().base, plan.value().changed);
    if (!earlier) return earlier.error();
    at_base = std::move(earlier).value();
  }
  GateRequest gate;
  gate.config = &config;
  gate.jobs = options.jobs;
  gate.repository = &repo.value();
  gate.push.has_pusher = false;
  GateChange& change = gate.changes.emplace_back();
  change.update = update_of_range(repo.value(), std::move(plan.value()), ref);
  GateOutcome outcome = run_gate(gate);
  if (ref.empty() && !config.refs.empty()) {
    outcome.findings.push_back(Finding::at(
        "internal/no-ref", Severity::kInfo, "", Position{},
        "the git rules (`refs:`) were not run: HEAD is detached, so the ref the range goes to is "
        "unknown; pass it, e.g. --ref refs/heads/main"));
  }
  if (options.ci.new_only) outcome.findings = drop_known(std::move(outcome.findings), at_base);
  return outcome;
}

int run_check(const CheckOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  ConfigLoad load = load_local_config(options.config_path, ".");
  if (!load.config) return usage_failure(options.output, std::move(load.findings));
  const Config& config = *load.config;

  GateOutcome outcome;
  std::set<std::string> looked_at;  // the paths checked, for stale baseline entries
  if (options.ci.new_only && options.git_range.empty()) {
    return usage_failure(
        options.output,
        {internal_error("--new-only compares with a range's base; use --git A..B")});
  }
  if (!options.git_range.empty()) {
    if (!options.paths.empty()) {
      return usage_failure(options.output,
                           {internal_error("--git checks a commit range; it takes no PATH")});
    }
    GitLibrary git;
    Result<GateOutcome> checked = check_git_range(config, options, looked_at);
    if (!checked) return usage_failure(options.output, {internal_error(checked.error().message)});
    outcome = std::move(checked).value();
  } else {
    if (!options.ref.empty()) {
      return usage_failure(options.output, {internal_error("--ref goes with --git RANGE")});
    }
    const std::vector<std::string> paths =
        options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
    Result<std::unique_ptr<DirectorySnapshot>> snapshot = open_check_paths(paths);
    if (!snapshot) {
      return usage_failure(options.output, {internal_error(snapshot.error().message)});
    }
    GateRequest gate;
    gate.config = &config;
    gate.jobs = options.jobs;
    GateChange& change = gate.changes.emplace_back();
    change.state.snapshot = snapshot.value().get();
    change.state.changed = snapshot.value()->entries();
    for (const Entry& e : change.state.changed) looked_at.insert(e.path);
    outcome = run_gate(gate);
  }
  // Warnings from loading the config (e.g. deprecated keys) are part of the run.
  for (Finding& f : load.findings) outcome.findings.push_back(std::move(f));
  // `baseline:` in the config applies unless --baseline (or --write-baseline) says otherwise.
  CheckCiOptions ci = options.ci;
  if (ci.baseline.empty()) ci.baseline = config.baseline;
  return finish_check(ci, options.output, std::move(outcome.findings), outcome.stats, started,
                      [&looked_at](std::string_view path) {
                        return path.empty() || looked_at.count(std::string(path)) != 0;
                      });
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* check = app.add_subcommand(
      "check", "Validate YAML/JSON/Kubernetes files in directories or files (CI and local use)");
  check->add_option("paths", options->paths, "files or directories (default: .)");
  check->add_option("--git", options->git_range,
                    "check what a commit range introduces: A..B, A...B or one commit");
  check->add_option("--ref", options->ref,
                    "with --git: the ref the range goes to, for the git rules (`refs:`); default: "
                    "the branch HEAD is on");
  check->add_option("--config", options->config_path,
                    "config file (default: .pushgate.yaml at the repository root)");
  check->add_option("--jobs,-j", options->jobs, "parallel workers (default: one per core)");
  options->output.add_to(*check);
  options->ci.add_to(*check);
  check->footer(
      "Examples:\n"
      "  pushgate check clusters/\n"
      "  pushgate check --format json . > pushgate.json\n"
      "  pushgate check --git origin/main..HEAD\n"
      "  pushgate check --git origin/main..HEAD --ref refs/heads/main\n"
      "  pushgate check --format github --output sarif=pushgate.sarif .\n"
      "  pushgate check --baseline .pushgate-baseline.json .\n"
      "Exit codes: 0 no finding at --fail-on (default: error), 1 such findings, 2 usage or\n"
      "configuration error.");
  check->callback([options, &exit_code] { exit_code = run_check(*options); });
}

}  // namespace pushgate::cli
