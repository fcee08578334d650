#pragma once
// The decision step: findings in, a Report out. The only place that turns severities into accept
// or reject (reporters only write, validators only find).
//
//   Report report = decide(std::move(outcome.findings), stats, elapsed_ms);
//   int code = exit_code_for(report.decision);
#include <cstdint>

#include "core/engine/engine.h"
#include "core/report/report.h"

namespace pushgate {

// Any error-severity finding rejects; warnings and infos never do. Findings come back sorted for
// reporting and the summary counted.
Report decide(FindingList findings, const CheckStats& stats, std::uint64_t duration_ms);

}  // namespace pushgate
