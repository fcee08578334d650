#pragma once
// The last step of every hook: findings to a decision, the report to stderr, the exit code.
#include <chrono>
#include <iosfwd>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/engine/engine.h"
#include "core/report/report.h"
#include "hooks/audit_record.h"
#include "hooks/hooks.h"

namespace pushgate {

using HookClock = std::chrono::steady_clock;

// What a server hook knows beyond its findings once its config is loaded: for the audit log
// (`audit:`) and the bypass hint (`bypass:`). pre-commit and a config that failed to load have
// none.
struct ServerHookRun {
  const Config* config = nullptr;
  AuditFacts facts;
};

// Decides, records the decision in the audit log when `run` configures one, writes the report in
// options.format (text when unknown) and returns 0 or 1. `force_reject` rejects even without an
// error finding (a config that did not load). An audit line that cannot be written adds an
// `internal/audit-log` finding: an error (reject) unless `audit.on_error: warn`.
int finish_hook(const HookOptions& options, FindingList findings, const CheckStats& stats,
                std::vector<RefOutcome> refs, HookClock::time_point started, std::ostream& err,
                bool force_reject = false, const ServerHookRun* run = nullptr);

// A server hook that accepts without anything to report (exit fast): records the decision when
// `run` configures an audit log, prints nothing unless that fails. Returns the exit code.
int accept_quietly(const HookOptions& options, std::vector<RefOutcome> refs,
                   HookClock::time_point started, std::ostream& err, const ServerHookRun& run);

// A finding for input that breaks git's hook contract (stdin, arguments, push options). Always
// an error: it is not an internal failure that on_internal_error could excuse.
Finding hook_input_finding(const std::string& message);
// A finding for a check that could not run (repository unreadable, …); see on_internal_error.
Finding internal_error_finding(const std::string& message);

// `internal/error` findings stay errors (reject) unless the config says on_internal_error:
// accept; then they become warnings, still reported.
void apply_internal_error_policy(FindingList& findings, FailureMode mode);

// `path` as seen from `directory` (absolute paths stay as they are).
std::string resolve_against(const std::string& directory, const std::string& path);

}  // namespace pushgate
