#include "core/decision/verdict.h"

#include <algorithm>

#include "core/audit/audit_file.h"
#include "core/audit/syslog_sink.h"
#include "core/decision/fail_on.h"

namespace pushgate {
namespace {

// Steps 3 and 4: the refs, then the push as a whole.
Report settle(FindingList findings, std::vector<RefOutcome> refs, const VerdictRequest& request) {
  decide_refs(findings, refs);
  // A push-level error (a finding that names no ref) rejects every ref of the push.
  const bool push_level_error =
      request.config_failed || std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
        return f.ref.empty() && f.severity == Severity::kError;
      });
  for (RefOutcome& ref : refs) {
    if (push_level_error) ref.decision = Decision::kReject;
  }
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - request.started);
  Report report =
      decide(std::move(findings), request.stats, static_cast<std::uint64_t>(elapsed.count()));
  if (request.fail_on != Severity::kError) {
    report.decision = decision_at(report.findings, request.fail_on);
  }
  if (request.config_failed) report.decision = Decision::kReject;
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

}  // namespace

Verdict decide_verdict(VerdictRequest request) {
  FindingList findings = std::move(request.findings);
  std::vector<RefOutcome> refs = std::move(request.refs);
  // 1. Internal errors: fail closed unless the config says otherwise.
  if (request.on_internal_error) apply_internal_error_policy(findings, *request.on_internal_error);
  // 2. Exemptions, before any ref is decided: the baseline, then a break-glass bypass.
  if (request.baseline) {
    const auto none_fixed = [](std::string_view) { return false; };
    const auto& scope = request.baseline_scope ? request.baseline_scope : none_fixed;
    findings = apply_baseline(std::move(findings), *request.baseline, scope).findings;
  }
  if (request.bypass) {
    const VerdictRequest::Bypass& b = *request.bypass;
    request.facts.bypass =
        apply_bypass(b.config, b.pusher, b.pusher_hint, b.push_options, refs, findings);
  }
  drop_below(findings, request.min_severity);
  // Nothing checked and nothing to say (a bypass request always says something): a quiet accept.
  const bool quiet = request.quiet && findings.empty();
  // 3 and 4. The refs, then the push.
  Verdict verdict;
  verdict.report = settle(std::move(findings), std::move(refs), request);
  // 5. Audit: record the decision; a line that cannot be written is itself a finding.
  if (request.audit) {
    const AuditConfig& audit = *request.audit;
    Status recorded = record(audit, verdict.report, request.facts);
    if (!recorded) {
      const bool reject = audit.on_error == AuditOnError::kReject;
      FindingList more = std::move(verdict.report.findings);
      more.push_back(Finding::at(
          "internal/audit-log", reject ? Severity::kError : Severity::kWarning, "", {},
          "cannot record the decision in the audit log: " + recorded.error().message +
              (reject ? "; the push is rejected because audit.on_error is reject (fail closed)"
                      : "; accepted anyway because audit.on_error is warn")));
      verdict.report = settle(std::move(more), std::move(verdict.report.refs), request);
    }
  }
  // A quiet accept (nothing was checked) shows only what went wrong recording it.
  verdict.show = !quiet || !verdict.report.findings.empty();
  if (!quiet) verdict.report.bypass_hint = request.bypass_hint;
  return verdict;
}

void use_config_baseline(const Config& config, VerdictRequest& request) {
  if (config.baseline.empty()) return;
  Result<Baseline> baseline = Baseline::load(config.baseline);
  if (baseline) {
    request.baseline = std::move(baseline.value());
    return;
  }
  request.findings.push_back(Finding::at(
      "config/unreadable", Severity::kError, "", Position{},
      "cannot use the baseline named by `baseline:` in " + config.origin + ": " +
          baseline.error().message +
          "; fix the file (pushgate check --write-baseline writes one) or remove the key"));
}

void apply_internal_error_policy(FindingList& findings, FailureMode mode) {
  if (mode != FailureMode::kAccept) return;
  for (Finding& f : findings) {
    if (f.rule == "internal/error" && f.severity == Severity::kError) {
      f.severity = Severity::kWarning;
    }
  }
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
