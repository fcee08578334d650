#pragma once
// Where local and CI modes find their config (docs/config.md): --config, then .pushgate.yaml at the
// repository root (found by walking up to the folder that holds .git), else the built-in
// defaults. Server mode has its own lookup in hooks/ and never reads policy from a push.
#include <string>

#include "core/config/config.h"

namespace pushgate::cli {

ConfigLoad load_local_config(const std::string& explicit_path, const std::string& start_dir);

}  // namespace pushgate::cli
