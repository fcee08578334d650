#pragma once
// `--fail-on` and `--min-severity` for `pushgate check`: a threshold other than "any error
// rejects", applied by the verdict pass (verdict.h, VerdictRequest::fail_on) — the one place that
// decides. Hooks keep the default (errors reject, nothing else does).
//
//   drop_below(findings, Severity::kWarning);        // --min-severity warning: infos hidden
//   report.decision = decision_at(report.findings, Severity::kWarning);  // --fail-on warning
#include "core/finding/finding.h"
#include "core/report/report.h"

namespace pushgate {

// Reject when any finding is at `fail_on` or worse.
Decision decision_at(const FindingList& findings, Severity fail_on);

// Removes findings below `min_severity`; hidden findings neither show nor count.
void drop_below(FindingList& findings, Severity min_severity);

}  // namespace pushgate
