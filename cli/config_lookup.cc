#include "cli/config_lookup.h"

#include <filesystem>
#include <system_error>

#include "core/base/path_entry.h"

namespace pushgate::cli {

ConfigLoad load_local_config(const std::string& explicit_path, const std::string& start_dir) {
  if (!explicit_path.empty()) return load_config_file(explicit_path);
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::absolute(start_dir, ec);
  while (!ec && !dir.empty()) {
    if (probe_path_entry((dir / ".git").string()).claims_path()) {
      const fs::path candidate = dir / ".pushgate.yaml";
      if (probe_path_entry(candidate.string()).claims_path()) {
        return load_config_file(candidate.string());
      }
      break;
    }
    if (dir == dir.root_path()) break;
    dir = dir.parent_path();
  }
  const fs::path here = fs::path(start_dir) / ".pushgate.yaml";
  if (probe_path_entry(here.string()).claims_path()) return load_config_file(here.string());
  ConfigLoad defaults;
  defaults.config = Config{};
  return defaults;
}

}  // namespace pushgate::cli
