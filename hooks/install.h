#pragma once
// Putting pushgate's hooks into repositories, and taking them out again (docs/install.md).
//
//   InstallOptions options;
//   options.repo = "/srv/git/app.git";
//   options.binary = "/usr/local/bin/pushgate";   // absolute: hooks run with a minimal PATH
//   Result<InstalledHook> done = install_hooks(options);   // writes hooks/pre-receive
//
// A hook we write is a small sh script that `exec`s the pushgate binary; a marker line makes it
// recognisable, so that install never overwrites a hook it did not write (unless forced) and
// uninstall never removes one. With `chain`, an existing hook is renamed to `<hook>.chained` and
// our script runs it first, on the same stdin, and rejects if it rejects. The directory is the
// one git runs hooks from (core.hooksPath when set).
//
// One repository only: every repository of a machine is server_install.h, a platform's own
// layout (Gitea, GitLab, Gitolite) platform_install.h, and what is installed where
// install_status.h.
#include <string>

#include "core/base/result.h"

namespace pushgate {

// The line that marks a hook as written by `pushgate install`.
inline constexpr const char* kManagedHookMarker = "# pushgate-managed-hook";

struct InstallOptions {
  std::string repo = ".";  // --repo: the bare repository (server) or a working clone (pre-commit)
  std::string binary;      // absolute path of the pushgate binary the hook runs
  // --config FILE for the hook; "" lets the hook look it up. Must exist; made absolute, since
  // hooks run inside the repository.
  std::string config;
  bool pre_commit = false;  // --pre-commit: write pre-commit in a clone instead of pre-receive
  // --hook: which server hook to write, "pre-receive" (one verdict for the whole push) or
  // "update" (git runs it once per ref: a rejected ref leaves the others to land).
  std::string hook = "pre-receive";
  bool force = false;  // --force: replace a hook that pushgate did not write
  bool chain = false;  // --chain: keep an existing hook and run it before pushgate
};

struct InstalledHook {
  std::string path;               // the hook written
  std::string chained_path;       // the earlier hook it runs first; "" when none
  bool replaced_foreign = false;  // --force replaced a hook that was not ours
};

// Also sets receive.advertisePushOptions=true on a server repository, so that `git push -o`
// works (push options are how a bypass is requested).
Result<InstalledHook> install_hooks(const InstallOptions& options);

struct UninstallOptions {
  std::string repo = ".";
  bool pre_commit = false;
  std::string hook = "pre-receive";  // --hook: the server hook to remove
};

// kInvalid unless `hook` is a server hook pushgate can be (pre-receive, update).
Status check_server_hook_name(const std::string& hook);

struct UninstalledHook {
  std::string path;               // the hook removed
  bool restored_chained = false;  // <hook>.chained was moved back into place
};

// Removes only a hook we wrote (kNotFound when there is none, kInvalid when the hook there is
// not ours); restores a chained hook. receive.advertisePushOptions is left as it is.
Result<UninstalledHook> uninstall_hooks(const UninstallOptions& options);

// The script install_hooks writes (exposed for tests and docs). The update hook passes git's
// three arguments on ("$@").
std::string hook_script(const std::string& hook_name, const std::string& binary,
                        const std::string& config, bool chained);

}  // namespace pushgate
