#pragma once
// Reading and writing git's configuration through the `git config` command, where git itself
// must agree with pushgate about which file is meant: `--system` honours GIT_CONFIG_SYSTEM
// (tests point it at a temporary file), and a repository's effective value includes the system
// and global files exactly as git would read them when it runs a hook.
//
//   Result<std::optional<std::string>> path = git_config_get({"--system"}, "core.hooksPath");
//   Status set = git_config_set({"--system"}, "core.hooksPath", "/etc/pushgate/hooks");
//
// Knows nothing about hooks; runs the first `git` on PATH with this process's environment.
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace pushgate {

// The value of `key` (the last one when set several times); nullopt when it is not set.
// `scope` are `git config` options naming the file: {"--system"}, {"--file", F}.
Result<std::optional<std::string>> git_config_get(const std::vector<std::string>& scope,
                                                  const std::string& key);

// The value git uses for `key` inside the repository at `git_dir` (system, global, local).
Result<std::optional<std::string>> git_config_get_in_repo(const std::string& git_dir,
                                                          const std::string& key);

Status git_config_set(const std::vector<std::string>& scope, const std::string& key,
                      const std::string& value);

// The first executable `name` in a folder of PATH; "" when there is none.
std::string find_on_path(const std::string& name);

// Removes every value of `key`; not an error when it is not set.
Status git_config_unset(const std::vector<std::string>& scope, const std::string& key);

// The name of every key set in the file `scope` names ("core.hookspath": section and key in
// lower case; "a.sub.key" for a `[a "sub"]` section), in file order. The file must exist.
Result<std::vector<std::string>> git_config_names(const std::vector<std::string>& scope);

// Removes the section `name` (its header and every key in it); not an error when there is none.
Status git_config_remove_section(const std::vector<std::string>& scope, const std::string& name);

// The file `git config --system` reads and writes (GIT_CONFIG_SYSTEM, else the path git was
// built with), asked of git itself: `git config --system --edit` with an "editor" that prints the
// file name. Whether the file exists or not; nothing is written.
Result<std::string> git_system_config_path();

}  // namespace pushgate
