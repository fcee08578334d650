#pragma once
// Gating every repository on a machine at once (docs/install.md "Every repository on a server").
//
//   ServerInstallOptions options;
//   options.binary = "/usr/bin/pushgate";
//   options.config = "/etc/pushgate/pushgate.yaml";       // optional
//   options.repos = {"/srv/git/team-a/*"};                 // optional: a subset
//   Result<ServerInstalled> done = install_server_hooks(options);
//   ...
//   Result<ServerUninstalled> undone = uninstall_server_hooks({});   // puts everything back
//
// Writes a hooks directory (default /etc/pushgate/hooks) and points the system-wide
// `core.hooksPath` at it with `git config --system`, so every repository on the machine, new ones
// included, runs its hooks from there. Because core.hooksPath hides each repository's own hooks/
// (and any hooksPath set before), the directory holds a pass-through script for every other hook
// name that runs the hook git would have run without us, and the gate hook runs it first
// (a rejection stands). A repository with its own `pushgate install --repo` hook keeps that one:
// the server hook runs it instead of judging the push twice.
//
// What was there before (the previous system core.hooksPath, or none) is recorded in
// `<dir>/pushgate-server.state`, with the system config file as it was (or that there was none)
// and as install left it; uninstall restores exactly that and removes only what install wrote:
// when nobody changed the file since, its bytes before install come back (no file when there was
// none); when someone did, their changes stay, the setting is put back with git, and what git's
// own writing leaves behind (an empty `[core]`, an empty file) goes. Knows nothing about
// platforms (platform_install.h) or the CLI.
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace pushgate {

inline constexpr const char* kDefaultServerHooksDir = "/etc/pushgate/hooks";
inline constexpr const char* kServerStateFile = "pushgate-server.state";
// The system config file's bytes before install (absent when there was no file) and after it.
inline constexpr const char* kServerConfigBeforeFile = "pushgate-server.gitconfig-before";
inline constexpr const char* kServerConfigAfterFile = "pushgate-server.gitconfig-after";

struct ServerInstallOptions {
  std::string hooks_dir = kDefaultServerHooksDir;  // --hooks-dir; made absolute
  std::string binary;                              // absolute path of the pushgate binary
  std::string config;                              // --config FILE; "" lets the hook look it up
  std::string hook = "pre-receive";                // --hook pre-receive | update
  // --repos GLOB (repeatable): only repositories whose absolute path (symlinks resolved) matches
  // one of these sh `case` patterns are judged (`*` matches `/` too); empty: every repository.
  std::vector<std::string> repos;
};

struct ServerInstalled {
  std::string hooks_dir;
  std::optional<std::string> previous_hooks_path;  // the system core.hooksPath before, if any
  bool reinstalled = false;                        // it was already installed: scripts updated
};

Result<ServerInstalled> install_server_hooks(const ServerInstallOptions& options);

struct ServerUninstallOptions {
  std::string hooks_dir = kDefaultServerHooksDir;
};

struct ServerUninstalled {
  std::string hooks_dir;
  std::optional<std::string> restored_hooks_path;  // set back to this; nullopt: unset again
  int removed_scripts = 0;
};

// kNotFound when `hooks_dir` holds no server install; kInvalid when the system core.hooksPath no
// longer points at it (someone changed it since: nothing is touched).
Result<ServerUninstalled> uninstall_server_hooks(const ServerUninstallOptions& options);

// What install recorded in a hooks directory (read by status).
struct ServerState {
  std::optional<std::string> previous_hooks_path;
  std::string system_config;           // the file git --system wrote; "" from older installs
  bool system_config_existed = false;  // it existed before install
  std::string hook = "pre-receive";
  std::string config;
  std::vector<std::string> repos;
};
Result<ServerState> read_server_state(const std::string& hooks_dir);

// True when `repository` (absolute, symlinks resolved) is judged under `state`'s --repos.
bool server_state_matches(const ServerState& state, const std::string& repository);

// The scripts (exposed for tests and docs).
std::string server_gate_script(const std::string& hook_name, const std::string& binary,
                               const std::string& config, const std::vector<std::string>& repos,
                               const std::optional<std::string>& previous_hooks_path);
std::string server_passthrough_script(const std::string& hook_name,
                                      const std::optional<std::string>& previous_hooks_path);

// Every hook name githooks(5) lists that a pass-through script stands in for. Not
// push-to-checkout and proc-receive: their mere presence changes what git does.
const std::vector<std::string>& passthrough_hook_names();

}  // namespace pushgate
