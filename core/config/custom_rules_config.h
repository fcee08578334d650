#pragma once
// The reader of `policies.custom` (docs/policies.md): compiles each entry into an immutable
// CustomRule (core/policy/custom_rule.h) when the config is loaded, so a bad rule is a config
// error with its line:col and never a surprise at check time. Called by the `policies:` reader
// (policies_config.cc).
//
//   std::shared_ptr<const CustomRule> rule = compile_custom_rule(reader, item, key_path);
#include <memory>
#include <string>

#include "core/config/config_reader.h"
#include "core/policy/custom_rule.h"

namespace pushgate {

// Reads and compiles one entry of policies.custom; nullptr after reporting every problem (bad
// id, bad path, bad regex, bad schema) with its line:col.
std::shared_ptr<const CustomRule> compile_custom_rule(ConfigReader& reader, NodeRef node,
                                                      const std::string& key_path);

}  // namespace pushgate
