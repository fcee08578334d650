#pragma once
// What the policy layer knows about each finding id without running anything. Built-in rules:
// their default severity, what turns them on, what they may be scoped by and the options they
// take. The other findings (a file that does not parse, a refused bypass, a broken config...):
// their severity and who makes them. All are declared once, in rule_table.inc; the config loader
// checks rule ids, options and scopes against the rules and refuses the other ids, and the policy
// pass (policy_pass.h) decides with the rules which findings stand. Tests keep the registries
// (validators/registry.cc, validators/git/registry.cc), the docs pages, the config schema and the
// ids the sources emit in step with the table.
//
//   const BuiltinRule* rule = find_builtin_rule("k8s/privileged");
//   if (rule && enabled_by_default(*rule, config.policies)) ...
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

// Who makes a finding that is no policy rule.
enum class FindingMaker : std::uint8_t {
  kGate,      // the gate itself, about a push: a bypass, a push over a limit, a ref it cannot check
  kReader,    // a file reader: the file is not well-formed, or is over a limit
  kCheck,     // a check that is on whenever its input or its config section is there
  kSchema,    // schema validation (`kubernetes:`, `schemas:`)
  kOpa,       // the OPA validator (`opa:`)
  kConfig,    // the config loader, or the baseline
  kPolicy,    // the policy pass: exceptions and exemptions
  kInternal,  // pushgate, when it cannot do its work
};

// A finding that is no policy rule: `policies:` cannot grade it.
struct DeclaredFinding {
  std::string_view id;
  Severity severity;  // as its page states
  FindingMaker maker;
};

std::span<const BuiltinRule> builtin_rules();  // sorted by id
const BuiltinRule* find_builtin_rule(std::string_view id);
std::span<const DeclaredFinding> declared_findings();  // sorted by id; no id is also a rule
const DeclaredFinding* find_declared_finding(std::string_view id);
// "the gate itself", "a file reader"...: for the config loader's refusal.
std::string_view describe_maker(FindingMaker maker);

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
