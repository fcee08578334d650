#pragma once
// Where hooks find their policy (docs/hooks.md "Configuration lookup").
//
// Server mode (pre-receive, update): --config, then $GIT_DIR/pushgate.yaml, then
// /etc/pushgate/pushgate.yaml, else the built-in defaults. Never from the pushed commits: a
// policy must not be weakened by the push it judges.
// Local mode (pre-commit): --config, then .pushgate.yaml at the working tree's root, else the
// built-in defaults.
//
// A file that exists but is broken is a failed load (findings, no config), never a fallback to
// the next place: a typo must not silently swap the policy.
#include <string>

#include "core/config/config.h"

namespace pushgate {

inline constexpr const char* kSystemConfigPath = "/etc/pushgate/pushgate.yaml";

ConfigLoad load_server_config(const std::string& explicit_path, const std::string& git_dir,
                              const std::string& system_path = kSystemConfigPath);
ConfigLoad load_local_hook_config(const std::string& explicit_path, const std::string& work_dir);

}  // namespace pushgate
