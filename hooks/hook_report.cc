#include "hooks/hook_report.h"

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "core/audit/audit_file.h"
#include "core/audit/syslog_sink.h"
#include "core/decision/decision.h"

namespace pushgate {
namespace {

Report make_report(FindingList findings, const CheckStats& stats, std::vector<RefOutcome> refs,
                   HookClock::time_point started, bool force_reject) {
  // A push-level error (a finding that names no ref) rejects every ref of the push.
  const bool push_level_error =
      force_reject || std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
        return f.ref.empty() && f.severity == Severity::kError;
      });
  for (RefOutcome& ref : refs) {
    if (push_level_error) ref.decision = Decision::kReject;
  }
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(HookClock::now() - started);
  Report report = decide(std::move(findings), stats, static_cast<std::uint64_t>(elapsed.count()));
  if (force_reject) report.decision = Decision::kReject;
  report.refs = std::move(refs);
  return report;
}

// Writes the audit line to every configured sink; the error says which one failed.
Status record(const AuditConfig& audit, const Report& report, const AuditFacts& facts) {
  const auto now = std::chrono::system_clock::now();
  const std::string line = audit_line(report, facts, now);
  // Both sinks are tried; the first failure is the one reported.
  Status written = audit.file.empty() ? Status{} : append_line(audit.file, line);
  if (audit.syslog) {
    const bool notable = report.decision == Decision::kReject || facts.bypass.requested;
    Result<SyslogSink> sink = SyslogSink::open(audit.syslog_socket);
    Status sent =
        sink ? sink.value().send(notable ? SyslogLevel::kWarning : SyslogLevel::kNotice, line, now)
             : Status(sink.error());
    if (written && !sent) return sent;
  }
  return written;
}

// Records the report when the run has an audit log; on failure the report gains a finding (and
// is decided again).
Report audited(Report report, const CheckStats& stats, HookClock::time_point started,
               bool force_reject, const ServerHookRun* run) {
  if (run == nullptr || run->config == nullptr || !run->config->audit) return report;
  const AuditConfig& audit = *run->config->audit;
  Status recorded = record(audit, report, run->facts);
  if (recorded) return report;
  const bool reject = audit.on_error == AuditOnError::kReject;
  FindingList findings = std::move(report.findings);
  findings.push_back(Finding::at(
      "internal/audit-log", reject ? Severity::kError : Severity::kWarning, "", {},
      "cannot record the decision in the audit log: " + recorded.error().message +
          (reject ? "; the push is rejected because audit.on_error is reject (fail closed)"
                  : "; accepted anyway because audit.on_error is warn")));
  return make_report(std::move(findings), stats, std::move(report.refs), started, force_reject);
}

int write_report(const HookOptions& options, Report report, std::ostream& err) {
  ReporterOptions reporter_options;
  reporter_options.color = options.color;
  reporter_options.hook = true;
  std::unique_ptr<Reporter> reporter = make_reporter(options.format, reporter_options);
  if (!reporter) reporter = make_reporter("text", reporter_options);
  if (reporter) reporter->write(report, err);
  err.flush();
  return exit_code_for(report.decision);
}

}  // namespace

int finish_hook(const HookOptions& options, FindingList findings, const CheckStats& stats,
                std::vector<RefOutcome> refs, HookClock::time_point started, std::ostream& err,
                bool force_reject, const ServerHookRun* run) {
  Report report = make_report(std::move(findings), stats, std::move(refs), started, force_reject);
  report = audited(std::move(report), stats, started, force_reject, run);
  if (run != nullptr && run->config != nullptr) {
    report.bypass_hint = bypass_hint(run->config->bypass);
  }
  return write_report(options, std::move(report), err);
}

int accept_quietly(const HookOptions& options, std::vector<RefOutcome> refs,
                   HookClock::time_point started, std::ostream& err, const ServerHookRun& run) {
  if (run.config == nullptr || !run.config->audit) return 0;
  Report report = make_report({}, CheckStats{}, std::move(refs), started, false);
  report = audited(std::move(report), CheckStats{}, started, false, &run);
  if (report.findings.empty()) return 0;
  return write_report(options, std::move(report), err);
}

void apply_internal_error_policy(FindingList& findings, FailureMode mode) {
  if (mode != FailureMode::kAccept) return;
  for (Finding& f : findings) {
    if (f.rule == "internal/error" && f.severity == Severity::kError) {
      f.severity = Severity::kWarning;
    }
  }
}

Finding hook_input_finding(const std::string& message) {
  return Finding::at("internal/hook-input", Severity::kError, "", {}, message);
}

Finding internal_error_finding(const std::string& message) {
  return Finding::at("internal/error", Severity::kError, "", {}, message);
}

std::string resolve_against(const std::string& directory, const std::string& path) {
  if (path.empty() || std::filesystem::path(path).is_absolute() || directory.empty() ||
      directory == ".") {
    return path;
  }
  return (std::filesystem::path(directory) / path).lexically_normal().string();
}

}  // namespace pushgate
