#include "core/decision/fail_on.h"

#include <algorithm>

namespace pushgate {

Decision decision_at(const FindingList& findings, Severity fail_on) {
  const bool fails = std::any_of(findings.begin(), findings.end(),
                                 [fail_on](const Finding& f) { return f.severity >= fail_on; });
  return fails ? Decision::kReject : Decision::kAccept;
}

void drop_below(FindingList& findings, Severity min_severity) {
  std::erase_if(findings, [min_severity](const Finding& f) { return f.severity < min_severity; });
}

}  // namespace pushgate
