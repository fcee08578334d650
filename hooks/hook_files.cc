#include "hooks/hook_files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/base/replace_file.h"
#include "hooks/install.h"

namespace pushgate {

namespace fs = std::filesystem;

// 'text' for sh, with every ' spelled '\''.
std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

bool exists_no_follow(const std::string& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(path, ec));
}

bool is_managed_hook(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(kManagedHookMarker, 0) == 0) return true;
  }
  return false;
}

// Writes through a temporary file and a rename, so git never runs a half-written hook.
Status write_executable(const std::string& path, const std::string& content) {
  return replace_file(path, {content}, 0755);
}

std::string managed_hook_config(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  const std::string option = " --config '";
  while (std::getline(in, line)) {
    if (line.find(" hook ") == std::string::npos) continue;
    std::size_t at = line.find(option);
    if (at == std::string::npos) continue;
    // Undo shell_quote: '...' with every ' spelled '\''.
    std::string value;
    for (std::size_t i = at + option.size(); i < line.size(); ++i) {
      if (line.compare(i, 4, "'\\''") == 0) {
        value += '\'';
        i += 3;
      } else if (line[i] == '\'') {
        return value;
      } else {
        value += line[i];
      }
    }
  }
  return {};
}

Result<std::string> absolute_config_file(const std::string& config) {
  if (config.empty()) return std::string();
  std::error_code ec;
  std::string resolved = fs::absolute(config, ec).lexically_normal().string();
  if (ec || !fs::is_regular_file(resolved, ec)) {
    return Error{
        ErrorCode::kNotFound,
        "config file " + config + " does not exist; every push would be rejected until it does"};
  }
  return resolved;
}

Status check_hook_binary(const std::string& binary) {
  if (binary.empty() || !fs::path(binary).is_absolute() || access(binary.c_str(), X_OK) != 0) {
    return Error{ErrorCode::kInvalid,
                 "the pushgate binary must be an executable file given by absolute path, got \"" +
                     binary.substr(0, 200) + "\""};
  }
  return {};
}

}  // namespace pushgate
