#pragma once
// The `baseline:` of a config applied to a run's findings (docs/baseline.md): what server hooks
// call after checking a push and before deciding each ref, so that a server accepts what its
// baseline file records. A baseline that cannot be read becomes an internal/error finding: the
// push is rejected (fail closed), never checked as if there were no baseline.
#include "core/config/config.h"
#include "core/finding/finding.h"

namespace pushgate {

// No-op without `baseline:`. Pushes check only changed files, so entries are never reported as
// fixed here; `pushgate check --baseline` over the whole tree does that.
void apply_config_baseline(const Config& config, FindingList& findings);

}  // namespace pushgate
