#include "hooks/hook_report.h"

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "core/decision/decision.h"

namespace pushgate {

int finish_hook(const HookOptions& options, FindingList findings, const CheckStats& stats,
                std::vector<RefOutcome> refs, HookClock::time_point started, std::ostream& err,
                bool force_reject) {
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
  ReporterOptions reporter_options;
  reporter_options.color = options.color;
  reporter_options.hook = true;
  std::unique_ptr<Reporter> reporter = make_reporter(options.format, reporter_options);
  if (!reporter) reporter = make_reporter("text", reporter_options);
  if (reporter) reporter->write(report, err);
  err.flush();
  return exit_code_for(report.decision);
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
