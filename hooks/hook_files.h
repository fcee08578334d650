#pragma once
// The file operations every installer shares (install.cc, server_install.cc, platform_install.cc,
// install_status.cc): quoting for the sh scripts they write, writing a hook atomically, and
// telling a hook pushgate wrote from one it did not (kManagedHookMarker in install.h).
#include <string>

#include "core/base/result.h"

namespace pushgate {

// `--config FILE` as the hook will read it: absolute (hooks run inside the repository, where a
// relative path would silently mean another file); "" stays "". A file that does not exist is
// refused: every push would be rejected until it did.
Result<std::string> absolute_config_file(const std::string& config);

// The pushgate binary a hook calls: an executable file named by absolute path.
Status check_hook_binary(const std::string& binary);

// 'text' for sh, with every ' spelled '\''.
std::string shell_quote(const std::string& text);

// True when something (a dangling symbolic link included) is at `path`.
bool exists_no_follow(const std::string& path);

// True when the file at `path` carries the managed-hook marker line.
bool is_managed_hook(const std::string& path);

// Writes through a temporary file and a rename, mode 0755, so git never runs a half-written hook.
Status write_executable(const std::string& path, const std::string& content);

// The --config value of the `pushgate hook` line in a hook we wrote; "" when it has none.
std::string managed_hook_config(const std::string& path);

}  // namespace pushgate
