#pragma once
// `--fail-on` and `--min-severity` for `pushgate check`: the one place a threshold other than
// "any error rejects" decides. Hooks keep decide()'s rule (errors reject, nothing else does).
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
