#pragma once
// Break-glass: `git push -o pushgate.bypass="reason"` turns a push's error findings into warnings
// when the config's `bypass:` allows the pusher on the ref (docs/git-rules.md "Break-glass").
// One step of the verdict pass (core/decision/verdict.h), which calls it before any ref is
// decided:
//
//   BypassOutcome bypass = apply_bypass(config.bypass, pusher, hint, push_options, refs, findings);
//
// Never silent: a granted bypass adds a `git/bypass` warning to every ref it covered, naming the
// pusher and the reason, and the findings stay in the report as warnings. A refused bypass (no
// `bypass:` section, no reason, nobody named, a pusher not listed) adds a `git/bypass` error
// that rejects the push and says why. Errors on refs the section does not list, and push-level
// errors (config, hook input, an unreadable repository), are never bypassed.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/bypass_config.h"
#include "core/report/report.h"
#include "validators/git/git_rule.h"

namespace pushgate {

struct BypassOutcome {
  bool requested = false;  // the push carried the bypass option
  bool granted = false;    // the pusher may bypass (errors on listed refs became warnings)
  std::string reason;      // the option's value, as sent
  std::size_t errors_bypassed = 0;
};

// The value of `option` among `push_options` ("pushgate.bypass=why" -> "why"; a bare
// "pushgate.bypass" -> ""); nullopt when absent. The last one sent wins, as with git's own
// options.
std::optional<std::string> find_push_option(std::span<const std::string> push_options,
                                            std::string_view option);

BypassOutcome apply_bypass(const std::optional<BypassConfig>& config,
                           const std::optional<Pusher>& pusher, std::string_view pusher_hint,
                           std::span<const std::string> push_options,
                           const std::vector<RefOutcome>& refs, FindingList& findings);

// The report's last line when a bypass is configured; "" otherwise.
std::string bypass_hint(const std::optional<BypassConfig>& config);

}  // namespace pushgate
