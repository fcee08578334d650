#include "core/decision/decision.h"

#include <utility>

namespace pushgate {

Report decide(FindingList findings, const CheckStats& stats, std::uint64_t duration_ms) {
  Report report;
  const SeverityCounts counts = count_by_severity(findings);
  report.decision = counts.errors > 0 ? Decision::kReject : Decision::kAccept;
  sort_for_report(findings);
  report.findings = std::move(findings);
  report.summary.files = stats.files;
  report.summary.documents = stats.documents;
  report.summary.errors = counts.errors;
  report.summary.warnings = counts.warnings;
  report.summary.duration_ms = duration_ms;
  report.docs_hint = "run `pushgate rules RULE-ID` to read what a rule checks and how to fix it";
  return report;
}

}  // namespace pushgate
