#pragma once
// The last step of every hook door: the verdict (core/decision/verdict.h) written to stderr in
// options.format, and the exit code. Hooks print here and nowhere else; they never decide.
#include <chrono>
#include <iosfwd>
#include <string>

#include "core/decision/verdict.h"
#include "core/gate/gate.h"
#include "hooks/hooks.h"

namespace pushgate {

using HookClock = std::chrono::steady_clock;

// Decides (decide_verdict), writes the report unless it is a quiet accept, returns 0 or 1.
int finish_hook(const HookOptions& options, VerdictRequest request, std::ostream& err);

// A finding for input that breaks git's hook contract (stdin, arguments, push options). Always
// an error: it is not an internal failure that on_internal_error could excuse.
Finding hook_input_finding(const std::string& message);

// `path` as seen from `directory` (absolute paths stay as they are).
std::string resolve_against(const std::string& directory, const std::string& path);

}  // namespace pushgate
