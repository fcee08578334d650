#pragma once
// The hooks layer: git's hook contract and nothing else (githooks(5), docs/hooks.md).
//
//   int main(...) {   // cli/: `pushgate hook pre-receive [--config FILE] [--format F]`
//     HookOptions options;
//     options.environment = Environment::from_process();
//     return run_pre_receive(options, std::cin, std::cerr);
//   }
//
// Every entry point returns the hook's exit code: 0 accepts, 1 rejects (git refuses the push or
// the commit). Problems that stop the check itself — a broken config, malformed stdin, an
// unreadable repository — reject too (fail closed), with a finding saying what and where; only
// `on_internal_error: accept` in the config turns internal errors into warnings.
//
// The report goes to `err` only: git sends a hook's stdout to the pusher's stderr anyway, and a
// single stream keeps the lines in order. git prefixes each with "remote: ".
#include <iosfwd>
#include <string>

#include "hooks/environment.h"
#include "hooks/hook_config.h"

namespace pushgate {

struct HookOptions {
  std::string config_path;  // --config FILE; "" looks the config up (hooks/hook_config.h)
  std::string system_config_path = kSystemConfigPath;  // overridable for tests
  std::string format = "text";                         // a make_reporter() format
  bool color = false;  // decided by the CLI (--color, NO_COLOR); git's remote lines rarely are TTYs
  unsigned jobs = 0;   // engine workers; 0: one per core
  Environment environment;  // the hook's environment: Environment::from_process()
  // Where the hook runs: git starts pre-receive in the repository and pre-commit at the working
  // tree's root. GIT_DIR, when set, wins for finding the repository.
  std::string directory = ".";
};

// pre-receive: reads "<old> <new> <ref>" lines from `in` to EOF; rejects the whole push when any
// ref is rejected.
int run_pre_receive(const HookOptions& options, std::istream& in, std::ostream& err);

// update <ref> <old> <new>: one ref; rejecting it leaves the push's other refs to git.
int run_update(const HookOptions& options, const std::string& ref, const std::string& old_id,
               const std::string& new_id, std::ostream& err);

// pre-commit: the staged index of the repository in the current directory (or $GIT_DIR), as
// `git commit` would record it (GIT_INDEX_FILE honoured); files changed against HEAD.
int run_pre_commit(const HookOptions& options, std::ostream& err);

}  // namespace pushgate
