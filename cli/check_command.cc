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
#include "core/engine/engine.h"
#include "core/git/library.h"
#include "core/git/repository.h"
#include "core/push/push_plan.h"
#include "core/source/directory_snapshot.h"
#include "core/source/git_tree_snapshot.h"
#include "core/tree/object_index_store.h"

namespace pushgate::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string git_range;
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

Result<std::unique_ptr<DirectorySnapshot>> open_snapshot(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  // One directory: entry paths relative to it, so include/exclude globs read as in its repo.
  if (paths.size() == 1) {
    std::error_code ec;
    if (fs::is_directory(fs::symlink_status(paths[0], ec))) {
      return DirectorySnapshot::open(paths[0]);
    }
  }
  return DirectorySnapshot::open_paths(".", paths);
}

Finding internal_error(std::string message) {
  return Finding::at("internal/error", Severity::kError, "", Position{}, std::move(message));
}

// `--git RANGE`: the state the range's tip introduces (files changed against the range's base),
// or, with `validate: every-commit`, every commit of the range against its first parent.
Result<CheckOutcome> check_git_range(const Engine& engine, const Config& config,
                                     const std::string& spec, bool new_only,
                                     std::set<std::string>& looked_at) {
  Result<Repository> repo = Repository::discover(".");
  if (!repo) return Error::wrap(repo.error(), "open the repository of the current directory");
  Result<RangePlan> plan = plan_range(repo.value(), spec);
  if (!plan) return Error::wrap(plan.error(), "read range `" + spec + "`");
  struct Step {
    std::string commit;
    std::string base;  // what `files` are relative to; "" for none
    std::vector<Entry> files;
    std::vector<std::string> deleted;
  };
  for (const Entry& e : plan.value().changed) looked_at.insert(e.path);
  for (const std::string& path : plan.value().deleted) looked_at.insert(path);
  // --new-only: what the base already had, to drop by fingerprint below.
  FindingList at_base;
  if (new_only && !plan.value().base.empty()) {
    Result<FindingList> earlier =
        findings_at_base(engine, repo.value(), plan.value().base, plan.value().changed);
    if (!earlier) return earlier.error();
    at_base = std::move(earlier).value();
  }
  std::vector<Step> steps;
  if (config.validate == ValidateMode::kEveryCommit) {
    for (CommitChanges& c : plan.value().commits)
      steps.push_back({c.commit, c.parent, std::move(c.changed), std::move(c.deleted)});
  } else {
    steps.push_back({plan.value().range.to, plan.value().base, std::move(plan.value().changed),
                     std::move(plan.value().deleted)});
  }
  // Cross-file rules compare with the tree before each step, and take unchanged files'
  // summaries from the repository's object index (docs/gitops.md).
  std::optional<ObjectIndexStore> index;
  if (engine.wants_base()) {
    index.emplace(ObjectIndexStore::open(object_index_path(repo.value().git_dir()),
                                         ObjectIndexStore::index_key(engine.limits())));
  }
  CheckOutcome total;
  for (Step& step : steps) {
    Result<std::unique_ptr<GitTreeSnapshot>> snap =
        GitTreeSnapshot::open(repo.value(), step.commit);
    if (!snap) return Error::wrap(snap.error(), "read commit " + step.commit);
    CheckRequest request;
    request.snapshot = snap.value().get();
    // Listed only if a rule asks for it.
    if (index && !step.base.empty())
      request.base = GitTreeSnapshot::opener(repo.value(), step.base);
    request.summaries = index ? &*index : nullptr;
    request.files = std::move(step.files);
    request.deleted = std::move(step.deleted);
    request.commit = step.commit;
    CheckOutcome outcome = engine.check(request);
    total.stats.files += outcome.stats.files;
    total.stats.documents += outcome.stats.documents;
    total.stats.bytes += outcome.stats.bytes;
    for (Finding& f : outcome.findings) total.findings.push_back(std::move(f));
  }
  if (index) (void)index->save();
  if (new_only) total.findings = drop_known(std::move(total.findings), at_base);
  return total;
}

int run_check(const CheckOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  ConfigLoad load = load_local_config(options.config_path, ".");
  if (!load.config) return usage_failure(options.output, std::move(load.findings));
  const Config& config = *load.config;

  const Engine engine(config, options.jobs);
  CheckOutcome outcome;
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
    Result<CheckOutcome> checked =
        check_git_range(engine, config, options.git_range, options.ci.new_only, looked_at);
    if (!checked) return usage_failure(options.output, {internal_error(checked.error().message)});
    outcome = std::move(checked).value();
  } else {
    const std::vector<std::string> paths =
        options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
    Result<std::unique_ptr<DirectorySnapshot>> snapshot = open_snapshot(paths);
    if (!snapshot) {
      return usage_failure(options.output, {internal_error(snapshot.error().message)});
    }
    CheckRequest request;
    request.snapshot = snapshot.value().get();
    request.files = snapshot.value()->entries();
    for (const Entry& e : request.files) looked_at.insert(e.path);
    outcome = engine.check(request);
  }
  // Warnings from loading the config (e.g. deprecated keys) are part of the run.
  for (Finding& f : load.findings) outcome.findings.push_back(std::move(f));
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  return finish_check(options.ci, options.output, std::move(outcome.findings), outcome.stats,
                      static_cast<std::uint64_t>(elapsed.count()),
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
      "  pushgate check --format github --output sarif=pushgate.sarif .\n"
      "  pushgate check --baseline .pushgate-baseline.json .\n"
      "Exit codes: 0 no finding at --fail-on (default: error), 1 such findings, 2 usage or\n"
      "configuration error.");
  check->callback([options, &exit_code] { exit_code = run_check(*options); });
}

}  // namespace pushgate::cli
