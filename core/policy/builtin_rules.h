#pragma once
// What the policy layer knows about each built-in rule without running it: its default
// severity, which profiles enable it, and the options it takes. The config loader checks rule ids
// and options against this table; the policy pass (policy_pass.h) decides with it which findings
// stand. One row per rule in builtin_rules.cc, beside its one line in validators/registry.cc; a
// unit test keeps the two, and the docs pages, in step.
//
//   const BuiltinRule* rule = find_builtin_rule("k8s/privileged");
//   if (rule && rule_enabled_by_default(*rule, config.policies)) ...
#include <cstdint>
#include <span>
#include <string_view>

#include "core/policy/policies.h"
#include "core/finding/finding.h"

namespace pushgate {

// Which default setting turns a rule on.
enum class RuleGate : std::uint8_t {
  kMinimal,                // profiles minimal, recommended and strict
  kRecommended,            // profiles recommended and strict
  kStrict,                 // profile strict
  kOptIn,                  // no profile: only when listed under policies.rules
  kPodSecurityBaseline,    // pod_security baseline or restricted (every profile by default)
  kPodSecurityRestricted,  // pod_security restricted (profile strict by default)
};

enum class OptionType : std::uint8_t {
  kInteger,  // a whole number >= 0
  kString,
  kStrings,  // a list of strings
  kGlobs,    // a list of globs (core/base/glob.h), checked when the config is read
  kRegex,    // one RE2 pattern, compiled when the config is read
};

struct OptionSpec {
  std::string_view name;
  OptionType type;
  bool required = false;  // the rule cannot run without it
};

struct BuiltinRule {
  std::string_view id;
  Severity severity;  // the default severity
  RuleGate gate;
  std::span<const OptionSpec> options = {};
};

std::span<const BuiltinRule> builtin_rules();
const BuiltinRule* find_builtin_rule(std::string_view id);

// True when `rule` runs under `policies` without being listed in policies.rules.
bool enabled_by_default(const BuiltinRule& rule, const PoliciesConfig& policies);
// False only for a built-in rule that `policies` leaves off (by profile, or `off`): the
// validator set does not build it, so a disabled rule costs nothing. True for every other id.
bool rule_runs(std::string_view rule_id, const PoliciesConfig& policies);
// The default severity of a built-in rule (kError for an id that is not one).
Severity default_severity(std::string_view rule_id);
// The profiles that enable a rule, exactly as its docs page says after "**Profiles:** ".
std::string_view describe_gate(RuleGate gate);

}  // namespace pushgate
