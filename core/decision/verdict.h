#pragma once
// The verdict pass: the one place that turns findings into accept or reject, for every door.
// In this order, each step in decide_verdict():
//   1. internal-error policy: `internal/error` findings become warnings under
//      `on_internal_error: accept`;
//   2. exemptions: a baseline (core/baseline/baseline.h: `baseline:` in the config, `pushgate
//      check --baseline`) drops the findings it records; a break-glass bypass
//      (core/decision/bypass.h) turns a push's errors into warnings on the refs it covers, or
//      refuses with an error; then findings below `min_severity` are hidden;
//   3. per-ref verdict: a ref with an error finding is rejected;
//   4. push-level result: an error that names no ref, or a config that did not load, rejects the
//      whole push; the report's decision is reject when any error remains;
//   5. audit: the decision is recorded (`audit:`); a failure to record adds an
//      `internal/audit-log` finding, which rejects under `audit.on_error: reject`.
// Severities inside files (`policies:` overrides, exceptions) are set earlier, by the engine's
// policy pass (core/policy/policy_pass.h); they only grade findings, they never decide.
//
//   VerdictRequest v;  v.findings = std::move(outcome.findings);  v.refs = ...;  v.started = t0;
//   Verdict verdict = decide_verdict(std::move(v));
//   if (verdict.show) reporter->write(verdict.report, err);
//   return exit_code_for(verdict.report.decision);
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/baseline/baseline.h"
#include "core/config/audit_config.h"
#include "core/config/bypass_config.h"
#include "core/config/config.h"
#include "core/decision/audit_record.h"
#include "core/decision/bypass.h"
#include "core/decision/decision.h"

namespace pushgate {

struct VerdictRequest {
  FindingList findings;
  std::vector<RefOutcome> refs;  // the pushed refs; empty outside a push
  CheckStats stats;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  bool config_failed = false;  // the config did not load: reject whatever the findings say
  // Steps 3-4: the least severe finding that rejects (`pushgate check --fail-on`); hooks keep
  // the default, errors.
  Severity fail_on = Severity::kError;
  // Step 2: findings the baseline records are dropped. An entry that no longer occurs becomes a
  // `config/baseline-fixed` notice when `baseline_scope(path)` says its path was checked; null
  // scope: no entry is judged fixed (a push checks only what it changed).
  std::optional<Baseline> baseline;
  std::function<bool(std::string_view path)> baseline_scope;
  // After step 2: findings below this are hidden; they neither show nor count
  // (`pushgate check --min-severity`).
  Severity min_severity = Severity::kInfo;
  // Step 1; unset: internal errors stay errors (no config was loaded, or `pushgate check`).
  std::optional<FailureMode> on_internal_error;
  // Step 2, set only for a push whose check ran to its end.
  struct Bypass {
    std::optional<BypassConfig> config;
    std::optional<Pusher> pusher;
    std::string pusher_hint;
    std::vector<std::string> push_options;
  };
  std::optional<Bypass> bypass;
  // Step 5, server hooks only: where to record and what; facts.bypass is filled by step 2.
  std::optional<AuditConfig> audit;
  AuditFacts facts;
  std::string bypass_hint;  // the report's last line (server hooks with a `bypass:` section)
  // Nothing was checked (exit fast): when steps 1-2 leave no finding either, the report is shown
  // only if recording it failed, and without the bypass hint.
  bool quiet = false;
};

struct Verdict {
  Report report;
  bool show = true;  // write the report (false: a quiet accept)
};

Verdict decide_verdict(VerdictRequest request);

// Loads the config's `baseline:` into the request (nothing without the key). A file that cannot
// be used becomes a `config/unreadable` error naming no ref, so the whole push is rejected (fail
// closed, whatever `on_internal_error` says), never judged as if there were no baseline.
void use_config_baseline(const Config& config, VerdictRequest& request);

// Step 1 on its own: `internal/error` findings stay errors (reject) unless the mode is accept;
// then they become warnings, still reported.
void apply_internal_error_policy(FindingList& findings, FailureMode mode);

// Step 3 on its own: per ref, any error finding naming it rejects it.
void decide_refs(const FindingList& findings, std::vector<RefOutcome>& refs);

}  // namespace pushgate
