#include "hooks/hook_config.h"

#include "core/base/path_entry.h"

namespace pushgate {
namespace {

// The first candidate that exists as a directory entry (a dangling symbolic link included), or
// cannot even be checked, is the one loaded: loading then decides, and fails closed.
ConfigLoad load_first(const std::vector<std::string>& candidates) {
  for (const std::string& path : candidates) {
    if (probe_path_entry(path).claims_path()) return load_config_file(path);
  }
  ConfigLoad defaults;
  defaults.config = Config{};
  return defaults;
}

}  // namespace

ConfigLoad load_server_config(const std::string& explicit_path, const std::string& git_dir,
                              const std::string& system_path) {
  if (!explicit_path.empty()) return load_config_file(explicit_path);
  std::vector<std::string> candidates;
  candidates.push_back((git_dir.empty() ? std::string(".") : git_dir) + "/pushgate.yaml");
  if (!system_path.empty()) candidates.push_back(system_path);
  return load_first(candidates);
}

ConfigLoad load_local_hook_config(const std::string& explicit_path, const std::string& work_dir) {
  if (!explicit_path.empty()) return load_config_file(explicit_path);
  return load_first({(work_dir.empty() ? std::string(".") : work_dir) + "/.pushgate.yaml"});
}

}  // namespace pushgate
