#pragma once
// The `bypass:` section of pushgate.yaml: who may push through a rejection in an emergency, on
// which refs, and with which push option (docs/git-rules.md "Break-glass").
//
//   bypass:
//     users: [alice, oncall-bot]        # pusher names (hooks/pusher.h says where they come from)
//     refs: [refs/heads/main]           # globs over full ref names; default: every ref
//     push_option: pushgate.bypass      # git push -o pushgate.bypass="reason"
//
// A bypass never accepts silently: the findings are still reported (as warnings), the reason is
// shown and written to the audit log.
#include <span>
#include <string>
#include <vector>

#include "core/config/config_reader.h"

namespace pushgate {

inline constexpr const char* kDefaultBypassPushOption = "pushgate.bypass";

struct BypassConfig {
  std::vector<std::string> users;               // at least one
  std::vector<std::string> refs = {"refs/**"};  // globs over full ref names
  std::string push_option = kDefaultBypassPushOption;
};

// `bypass:` reader for the top-level key table (config_keys.cc).
struct Config;
void read_bypass_section(ConfigReader& reader, NodeRef value, const std::string& key_path,
                         Config& config);

std::span<const KeySpec<BypassConfig>> bypass_keys();

}  // namespace pushgate
