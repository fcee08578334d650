#include "core/config/baseline_config.h"

namespace pushgate {

void read_baseline_key(ConfigReader& reader, NodeRef value, const std::string& key_path,
                       Config& config) {
  std::optional<std::string> path = reader.read_string(value, key_path);
  if (!path) return;
  if (path->empty()) {
    reader.report(value,
                  "`" + key_path +
                      "` is empty; name a file written by `pushgate check --write-baseline`, "
                      "or remove the key");
    return;
  }
  config.baseline = resolve_config_path(config.origin, *path);
}

}  // namespace pushgate
