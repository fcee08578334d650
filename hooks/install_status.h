#pragma once
// Which repositories under a folder are gated, and how (`pushgate status`, docs/install.md).
//
//   Result<std::vector<RepositoryGate>> gates = gate_status({.root = "/srv/git"});
//   for (const RepositoryGate& g : gates.value()) ... g.repository, g.gate, g.last_decision
//
// For every bare repository found under the root (a folder with HEAD, objects/ and refs/; not
// searched further inside), it reads what git would run: the effective core.hooksPath (system,
// global and the repository's own config, through `git config`), the scripts there (ours carry
// the managed-hook marker; a server install its state file), the config the hook would load
// (explicit --config, else $GIT_DIR/pushgate.yaml, else the system file), whether that config
// loads, and the last decision its audit log recorded for the repository. Reads only.
#include <string>
#include <vector>

#include "core/base/result.h"

namespace pushgate {

enum class GateKind {
  kNone,     // no pushgate hook runs for this repository
  kRepo,     // `pushgate install --repo` wrote its hook
  kServer,   // `pushgate install --server` hooks it (the system core.hooksPath)
  kSkipped,  // the server install's --repos patterns leave it out
  kForeign,  // a pre-receive or update hook that pushgate did not write (and none of ours)
};

struct RepositoryGate {
  std::string repository;  // absolute, symlinks resolved (as the audit log names it)
  GateKind kind = GateKind::kNone;
  std::string hook;          // pre-receive or update (kRepo, kServer, kForeign)
  std::string hooks_dir;     // where git looks for hooks in this repository
  bool chained = false;      // another hook runs first (a .chained hook, or the one a server hides)
  std::string config;        // the config file the hook loads; "" for the built-in defaults
  std::string config_error;  // why that config does not load; "" when it does
  std::string audit_log;     // the audit file read for last_decision; "" when none
  std::string last_decision;  // accept or reject; "" when the log has none for it
  std::string last_time;      // its time
};

struct GateStatusOptions {
  std::string root = ".";
  std::string audit_log;           // read this audit file instead of the one each config names
  std::string system_config_path;  // the system pushgate.yaml; "" means kSystemConfigPath
};

Result<std::vector<RepositoryGate>> gate_status(const GateStatusOptions& options);

// "repo", "server", ... for GateKind (status output).
const char* gate_kind_name(GateKind kind);

}  // namespace pushgate
