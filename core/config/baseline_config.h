#pragma once
// `baseline: FILE` (docs/baseline.md): a baseline of accepted findings, read from where the config
// lives — on a server, the server's file, never one from the push. Relative paths are relative to
// the config file. Whether the file exists and is a baseline is checked when it is used, so that
// a missing file fails the run that needs it (closed), not the loading of every config.
#include <string>

#include "core/config/config.h"
#include "core/config/config_reader.h"

namespace pushgate {

void read_baseline_key(ConfigReader& reader, NodeRef value, const std::string& key_path,
                       Config& config);

}  // namespace pushgate
