#include "cli/check_ci.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "core/baseline/baseline.h"
#include "core/decision/decision.h"
#include "core/decision/fail_on.h"
#include "core/decision/verdict.h"
#include "core/source/git_tree_snapshot.h"

namespace pushgate::cli {
namespace {

const std::vector<std::string> kSeverities = {"error", "warning", "info"};

Severity severity_of(const std::string& word) {
  Severity s = Severity::kError;
  (void)parse_severity(word, s);  // CLI11 checked the word already
  return s;
}

Finding run_error(std::string message) {
  return Finding::at("internal/error", Severity::kError, "", Position{}, std::move(message));
}

int fail_to_start(const OutputOptions& output, FindingList findings) {
  Report report = decide(std::move(findings), CheckStats{}, 0);
  report.decision = Decision::kReject;
  write_report(report, output, stdout, false);
  return 2;
}

struct OutputFile {
  std::string format;
  std::string path;
};

// "sarif=report.sarif" -> {sarif, report.sarif}; an error message on anything else.
Result<OutputFile> parse_output(const std::string& spec) {
  const std::size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
    return Error{ErrorCode::kInvalid,
                 "--output takes FORMAT=FILE (e.g. sarif=pushgate.sarif), got \"" +
                     spec.substr(0, 60) + "\""};
  }
  OutputFile out{spec.substr(0, eq), spec.substr(eq + 1)};
  bool known = false;
  std::string names;
  for (std::string_view f : reporter_formats()) {
    known = known || f == out.format;
    names += (names.empty() ? "" : ", ") + std::string(f);
  }
  if (!known) {
    return Error{ErrorCode::kInvalid, "--output: unknown format \"" + out.format.substr(0, 40) +
                                          "\"; use one of " + names};
  }
  return out;
}

Status write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Error{ErrorCode::kIo, "cannot write " + path};
  out << text;
  out.close();
  if (!out) return Error{ErrorCode::kIo, "cannot write " + path};
  return Status::ok();
}

}  // namespace

void CheckCiOptions::add_to(CLI::App& command) {
  command
      .add_option("--output", outputs,
                  "also write the report as FORMAT=FILE (repeatable), e.g. sarif=pushgate.sarif")
      ->allow_extra_args(false);
  command.add_option("--fail-on", fail_on, "exit 1 when a finding is this severe or worse")
      ->check(CLI::IsMember(kSeverities))
      ->capture_default_str();
  command
      .add_option("--min-severity", min_severity,
                  "hide findings less severe than this (they do not count either)")
      ->check(CLI::IsMember(kSeverities))
      ->capture_default_str();
  command.add_option("--baseline", baseline,
                     "report and fail only on findings not recorded in this baseline file");
  command.add_option("--write-baseline", write_baseline,
                     "record today's findings in this file (then the run passes)");
  command.add_flag("--new-only", new_only,
                   "with --git: only findings the range introduced (not at its base)");
}

int finish_check(const CheckCiOptions& ci, const OutputOptions& output, FindingList findings,
                 const CheckStats& stats, std::chrono::steady_clock::time_point started,
                 const std::function<bool(std::string_view)>& in_scope) {
  std::vector<OutputFile> files;
  for (const std::string& spec : ci.outputs) {
    Result<OutputFile> parsed = parse_output(spec);
    if (!parsed) return fail_to_start(output, {run_error(parsed.error().message)});
    files.push_back(parsed.value());
  }
  VerdictRequest verdict;
  if (!ci.write_baseline.empty()) {
    const Baseline today = Baseline::from(findings);
    if (Status s = write_file(ci.write_baseline, today.to_json()); !s) {
      return fail_to_start(output, {run_error(s.error().message)});
    }
    const auto recorded = std::count_if(findings.begin(), findings.end(), can_be_baselined);
    std::fprintf(stderr, "pushgate: wrote %zu findings to baseline %s\n",
                 static_cast<std::size_t>(recorded), ci.write_baseline.c_str());
    verdict.baseline = today;
  } else if (!ci.baseline.empty()) {
    Result<Baseline> baseline = Baseline::load(ci.baseline);
    if (!baseline) return fail_to_start(output, {run_error(baseline.error().message)});
    verdict.baseline = std::move(baseline.value());
  }
  verdict.baseline_scope = in_scope;
  verdict.min_severity = severity_of(ci.min_severity);
  verdict.started = started;
  verdict.findings = std::move(findings);
  verdict.stats = stats;
  verdict.fail_on = severity_of(ci.fail_on);
  const Report report = decide_verdict(std::move(verdict)).report;

  int code = exit_code_for(report.decision);
  for (const OutputFile& file : files) {
    ReporterOptions options;
    options.fail_on = severity_of(ci.fail_on);
    std::ostringstream text;
    make_reporter(file.format, options)->write(report, text);
    if (Status s = write_file(file.path, text.str()); !s) {
      std::fprintf(stderr, "pushgate: %s\n", s.error().message.c_str());
      code = 2;
    }
  }
  OutputOptions shown = output;
  shown.fail_on = severity_of(ci.fail_on);
  write_report(report, shown, stdout, false);
  return code;
}

Result<FindingList> findings_at_base(const Engine& engine, const Repository& repository,
                                     const std::string& base, const std::vector<Entry>& paths) {
  Result<std::unique_ptr<GitTreeSnapshot>> snap = GitTreeSnapshot::open(repository, base);
  if (!snap) return Error::wrap(snap.error(), "read the range's base " + base);
  std::set<std::string> wanted;
  for (const Entry& e : paths) wanted.insert(e.path);
  CheckRequest request;
  request.snapshot = snap.value().get();
  for (const Entry& e : snap.value()->entries()) {
    if (wanted.count(e.path) != 0) request.files.push_back(e);
  }
  request.commit = base;
  if (request.files.empty()) return FindingList{};
  return engine.check(request).findings;
}

FindingList drop_known(FindingList findings, const FindingList& earlier) {
  // Nothing is in scope for stale notices: the earlier findings are not a file anyone edits.
  return apply_baseline(std::move(findings), Baseline::from(earlier),
                        [](std::string_view) { return false; })
      .findings;
}

}  // namespace pushgate::cli
