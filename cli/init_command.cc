#include "cli/init_command.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "core/config/config.h"
#include "core/decision/decision.h"
#include "core/decision/fail_on.h"
#include "core/engine/engine.h"
#include "core/init/repo_survey.h"
#include "core/source/directory_snapshot.h"

namespace pushgate::cli {
namespace {

struct InitOptions {
  std::string dir = ".";
  std::string output;  // default: DIR/.pushgate.yaml, or pushgate.yaml with --server
  bool server = false;
  bool force = false;
  unsigned jobs = 0;
};

int fail(const std::string& message) {
  std::fprintf(stderr, "pushgate init: %s\n", message.c_str());
  return 2;
}

// Writes `text` to `path` unless it exists and --force was not given.
int write_config(const InitOptions& options, const std::string& path, const std::string& text) {
  std::error_code ec;
  if (!options.force && std::filesystem::exists(path, ec)) {
    return fail(path + " exists; keep it, or write over it with --force");
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return fail("cannot write " + path);
  return 0;
}

int run_init(const InitOptions& options) {
  if (options.server) {
    const std::string path = options.output.empty() ? "pushgate.yaml" : options.output;
    const ConfigLoad check = load_config_text(path, server_config_text());
    if (!check.config) return fail("the server config written does not load (a bug)");
    if (int code = write_config(options, path, server_config_text()); code != 0) return code;
    std::printf(
        "pushgate: wrote %s: main protected, tags immutable, audit log in "
        "/var/log/pushgate/audit.jsonl\n"
        "install it as $GIT_DIR/pushgate.yaml or /etc/pushgate/pushgate.yaml, then run "
        "`pushgate install --repo REPO.git` (docs/hooks.md)\n",
        path.c_str());
    return 0;
  }
  Result<std::unique_ptr<DirectorySnapshot>> snapshot = DirectorySnapshot::open(options.dir);
  if (!snapshot) return fail(snapshot.error().message);
  const RepoSurvey survey = survey_repository(*snapshot.value());
  std::string text = init_config_text(survey);
  const std::string path = options.output.empty()
                               ? (std::filesystem::path(options.dir) / ".pushgate.yaml").string()
                               : options.output;
  ConfigLoad load = load_config_text(path, text);
  if (!load.config) return fail("the config written does not load (a bug)");

  // What still fails with it: the genuine errors, listed in the file and on stdout.
  const Engine engine(*load.config, options.jobs);
  CheckRequest request;
  request.snapshot = snapshot.value().get();
  request.files = snapshot.value()->entries();
  CheckOutcome outcome = engine.check(request);
  FindingList errors = std::move(outcome.findings);
  drop_below(errors, Severity::kError);
  Report report = decide(std::move(errors), outcome.stats, 0);
  if (!report.findings.empty()) {
    text += "# Genuine errors today (" + std::to_string(report.findings.size()) +
            "): fix them, or accept them for now with\n"
            "#   pushgate check --write-baseline .pushgate-baseline.json\n";
    std::size_t listed = 0;
    for (const Finding& f : report.findings) {
      if (++listed > 20) {
        text += "#   ... and " + std::to_string(report.findings.size() - 20) + " more\n";
        break;
      }
      std::string where = f.path.empty() ? "pushgate" : f.path;
      if (f.position.line > 0) where += ":" + std::to_string(f.position.line);
      std::string message = f.message.substr(0, 100);
      for (char& c : message) {
        if (c == '\n' || c == '\r') c = ' ';
      }
      text += "#   " + where + " " + f.rule + ": " + message + "\n";
    }
  }
  if (int code = write_config(options, path, text); code != 0) return code;
  std::printf("pushgate: wrote %s for %zu YAML/JSON files", path.c_str(), survey.data_files);
  if (survey.flux_objects > 0) std::printf(", %zu Flux objects", survey.flux_objects);
  if (survey.argo_objects > 0) std::printf(", %zu Argo CD objects", survey.argo_objects);
  if (!survey.helm_charts.empty()) std::printf(", %zu Helm charts", survey.helm_charts.size());
  if (survey.sops_files > 0) std::printf(", %zu SOPS files", survey.sops_files);
  if (!survey.jsonc_files.empty()) {
    std::printf(", %zu JSON-with-comments files excluded", survey.jsonc_files.size());
  }
  if (!survey.large_files.empty()) std::printf(", files.max_size raised");
  std::printf("\n");
  if (report.findings.empty()) {
    std::printf("pushgate: `pushgate check` passes on this repository today\n");
    return 0;
  }
  std::printf(
      "pushgate: %zu genuine errors remain; fix them, or accept them for now with "
      "`pushgate check --write-baseline .pushgate-baseline.json`:\n",
      report.findings.size());
  std::ostringstream listing;
  make_reporter("text", {})->write(report, listing);
  std::fputs(listing.str().c_str(), stdout);
  return 0;
}

}  // namespace

void add_init_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<InitOptions>();
  CLI::App* init = app.add_subcommand(
      "init",
      "Write a first config: .pushgate.yaml that passes on this repository today, or a "
      "server config (--server)");
  init->add_option("dir", options->dir, "the repository to survey (default: .)");
  init->add_option("--output,-o", options->output,
                   "where to write (default: DIR/.pushgate.yaml; pushgate.yaml with --server)");
  init->add_flag("--server", options->server,
                 "write a server config: protected main, immutable tags, audit log");
  init->add_flag("--force", options->force, "write over an existing file");
  init->add_option("--jobs,-j", options->jobs, "parallel workers (default: one per core)");
  init->footer(
      "Examples:\n"
      "  pushgate init                     # survey . and write .pushgate.yaml\n"
      "  pushgate init --server -o /etc/pushgate/pushgate.yaml\n"
      "Exit codes: 0 written (genuine errors are listed, not failed), 2 not written.");
  init->callback([options, &exit_code] { exit_code = run_init(*options); });
}

}  // namespace pushgate::cli
