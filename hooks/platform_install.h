#pragma once
// Installing pushgate the way each Git platform documents its own hooks (docs/install.md):
// the platform owns each repository's hooks/, so pushgate goes beside its dispatcher, never over
// it.
//
//   PlatformInstallOptions options;
//   options.platform = Platform::kGitlab;
//   options.binary = "/usr/bin/pushgate";
//   options.hooks_dir = "/var/opt/gitlab/gitaly/custom_hooks";   // every project
//   Result<PlatformInstalled> done = install_platform_hooks(options);
//
//   platform          one repository (repo)                        every repository
//   gitea, forgejo    <repo>/hooks/<hook>.d/pushgate               root: the same in each
//   repository
//                                                                  under it (Gitea has no
//                                                                  server-wide hooks folder)
//   gitlab            <repo>/custom_hooks/<hook>.d/pushgate        hooks_dir:
//   <custom_hooks_dir>/<hook>.d/pushgate gitolite <LOCAL_CODE>/hooks/repo-specific/pushgate
//   <LOCAL_CODE>/hooks/common/pre-receive
//                     (then `option hook.pre-receive = pushgate`)  (then `gitolite setup
//                     --hooks-only`)
//
// The script is install.h's hook_script: `exec pushgate hook <hook> [--config F]`, marked as
// ours, so that uninstall removes only what pushgate wrote. Knows nothing about the CLI.
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace pushgate {

enum class Platform : std::uint8_t {
  kGitea,     // Gitea: hooks/<hook>.d/ behind Gitea's dispatcher
  kForgejo,   // Forgejo: the same layout as Gitea
  kGitlab,    // GitLab (Gitaly): custom_hooks/<hook>.d/ and the global custom_hooks_dir
  kGitolite,  // Gitolite 3: LOCAL_CODE hooks/common or hooks/repo-specific
};

// kInvalid with the list of platforms for an unknown name (with "did you mean").
Result<Platform> parse_platform(const std::string& name);

struct PlatformInstallOptions {
  Platform platform = Platform::kGitea;
  std::string binary;                // absolute path of the pushgate binary
  std::string config;                // --config FILE; must exist; made absolute
  std::string hook = "pre-receive";  // pre-receive or update (not for gitolite: its own update
                                     // hook enforces its access rules)
  std::string repo;                  // gitea, forgejo, gitlab: one repository
  std::string root;                  // gitea, forgejo: every repository under this folder
  std::string hooks_dir;             // gitlab: the global custom_hooks_dir
  std::string gitolite_home;         // gitolite: the gitolite user's home ("" = $HOME)
  bool repo_specific = false;        // gitolite: repo-specific-hooks instead of hooks/common
  bool force = false;                // replace a file there that pushgate did not write
};

struct PlatformInstalled {
  std::vector<std::string> paths;  // every script written (or, for uninstall, removed)
  std::string next_step;           // what the administrator still has to do; "" when nothing
};

Result<PlatformInstalled> install_platform_hooks(const PlatformInstallOptions& options);

// Removes the scripts install wrote for the same options (only ours); kNotFound when none.
Result<PlatformInstalled> uninstall_platform_hooks(const PlatformInstallOptions& options);

}  // namespace pushgate
