#pragma once
// What the policy layer knows about each built-in rule without running it: its default
// severity, what turns it on, what it may be scoped by and the options it takes. The rows are
// declared once, in rule_table.inc (file rules and git rules alike); the config loader checks
// rule ids, options and scopes against them, and the policy pass (policy_pass.h) decides with
// them which findings stand. Unit tests keep the registries (validators/registry.cc,
// validators/git/registry.cc), the docs pages and the config schema in step with the table.
//
//   const BuiltinRule* rule = find_builtin_rule("k8s/privileged");
//   if (rule && rule_enabled_by_default(*rule, config.policies)) ...
#include <cstdint>
#include <span>
#include <string_view>

#include "core/finding/finding.h"
#include "core/policy/policies.h"

namespace pushgate {

// Which default setting turns a rule on.
enum class RuleGate : std::uint8_t {
  kMinimal,                // profiles minimal, recommended and strict
  kRecommended,            // profiles recommended and strict
  kStrict,                 // profile strict
  kOptIn,                  // no profile: only when listed under policies.rules
  kPodSecurityBaseline,    // pod_security baseline or restricted (every profile by default)
  kPodSecurityRestricted,  // pod_security restricted (profile strict by default)
  kRefs,                   // a git rule: on where a `refs:` entry configures it, in every profile
};

// What `policies.rules.<id>` may scope a rule by: only what its findings carry.
enum class RuleScopes : std::uint8_t {
  kObjects,  // paths, namespaces, kinds, labels (rules about files and the objects in them)
  kPaths,    // paths only (git rules about the files a commit brings)
  kNone,     // nothing (git rules about refs and commits: their findings name no file)
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
  RuleScopes scopes = RuleScopes::kObjects;
  std::span<const OptionSpec> options = {};

  // Git rules judge ref updates (validators/git); the others judge files (validators/).
  bool is_git_rule() const { return gate == RuleGate::kRefs; }
};

std::span<const BuiltinRule> builtin_rules();
const BuiltinRule* find_builtin_rule(std::string_view id);

// True when `rule` runs under `policies` without being listed in policies.rules (a git rule:
// always, where `refs:` configures it).
bool enabled_by_default(const BuiltinRule& rule, const PoliciesConfig& policies);
// False only for a built-in rule that `policies` leaves off (by profile, or `off`): the
// validator set does not build it, so a disabled rule costs nothing. True for every other id.
bool rule_runs(std::string_view rule_id, const PoliciesConfig& policies);
// The default severity of a built-in rule (kError for an id that is not one).
Severity default_severity(std::string_view rule_id);
// The profiles that enable a rule, exactly as its docs page says after "**Profiles:** " (git
// rules' pages say nothing of profiles).
std::string_view describe_gate(RuleGate gate);

}  // namespace pushgate
