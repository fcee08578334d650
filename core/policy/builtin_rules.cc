#include "core/policy/builtin_rules.h"

namespace pushgate {
namespace {

#define PUSHGATE_RULE_OPTIONS(name, ...) constexpr OptionSpec name[] = {__VA_ARGS__};
#include "core/policy/rule_table.inc"

constexpr BuiltinRule kAllRules[] = {
#define PUSHGATE_RULE(id, severity, gate, scopes, options) \
  {id, Severity::severity, RuleGate::gate, RuleScopes::scopes, options},
#include "core/policy/rule_table.inc"
};

// find_builtin_rule, the config schema's enum and `pushgate rules` rely on one row per id.
constexpr bool sorted_and_unique(std::span<const BuiltinRule> rules) {
  for (std::size_t i = 1; i < rules.size(); ++i) {
    if (!(rules[i - 1].id < rules[i].id)) return false;
  }
  return true;
}
static_assert(sorted_and_unique(kAllRules), "rule_table.inc: rows must be sorted by id, once each");

}  // namespace

std::span<const BuiltinRule> builtin_rules() {
  return kAllRules;
}

const BuiltinRule* find_builtin_rule(std::string_view id) {
  for (const BuiltinRule& rule : kAllRules) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

bool enabled_by_default(const BuiltinRule& rule, const PoliciesConfig& policies) {
  switch (rule.gate) {
    case RuleGate::kMinimal:
      return true;
    case RuleGate::kRecommended:
      return policies.profile != PolicyProfile::kMinimal;
    case RuleGate::kStrict:
      return policies.profile == PolicyProfile::kStrict;
    case RuleGate::kOptIn:
      return false;
    case RuleGate::kPodSecurityBaseline:
      return true;
    case RuleGate::kPodSecurityRestricted:
      return policies.effective_pod_security() == PodSecurityLevel::kRestricted;
    case RuleGate::kRefs:
      return true;
  }
  return false;
}

bool rule_runs(std::string_view rule_id, const PoliciesConfig& policies) {
  const BuiltinRule* rule = find_builtin_rule(rule_id);
  if (rule == nullptr) return true;
  if (const RuleSetting* setting = policies.setting(rule_id)) return setting->enabled;
  return enabled_by_default(*rule, policies);
}

Severity default_severity(std::string_view rule_id) {
  const BuiltinRule* rule = find_builtin_rule(rule_id);
  return rule != nullptr ? rule->severity : Severity::kError;
}

std::string_view describe_gate(RuleGate gate) {
  switch (gate) {
    case RuleGate::kMinimal:
      return "minimal, recommended, strict";
    case RuleGate::kRecommended:
      return "recommended, strict";
    case RuleGate::kStrict:
      return "strict";
    case RuleGate::kOptIn:
      return "none (opt-in: list it under policies.rules)";
    case RuleGate::kPodSecurityBaseline:
      return "minimal, recommended, strict (Pod Security baseline)";
    case RuleGate::kPodSecurityRestricted:
      return "strict, or any profile with pod_security: restricted (Pod Security restricted)";
    case RuleGate::kRefs:
      return "none (a git rule: on where a `refs:` entry configures it)";
  }
  return "";
}

}  // namespace pushgate
