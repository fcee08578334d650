#pragma once
// The `pusher:` section of pushgate.yaml: which environment variable names the pusher, for
// servers whose front end sets one pushgate does not know (docs/git-rules.md "Who pushed").
//
//   pusher:
//     variable: SSH_GATE_USER   # read this variable, and only this one
//
// Without the section the hook tries the variables of the known platforms (hooks/pusher.h).
#include <span>
#include <string>

#include "core/config/config_reader.h"

namespace pushgate {

struct PusherConfig {
  std::string variable;  // an environment variable name: [A-Za-z_][A-Za-z0-9_]*
};

// `pusher:` reader for the top-level key table (config_keys.cc).
struct Config;
void read_pusher_section(ConfigReader& reader, NodeRef value, const std::string& key_path,
                         Config& config);

std::span<const KeySpec<PusherConfig>> pusher_keys();

}  // namespace pushgate
