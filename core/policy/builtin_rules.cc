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

constexpr DeclaredFinding kAllFindings[] = {
#define PUSHGATE_FINDING(id, severity, maker) {id, Severity::severity, FindingMaker::maker},
#include "core/policy/rule_table.inc"
};

// The lookups, the config schema's enum and `pushgate rules` rely on one row per id.
template <typename Row>
constexpr bool sorted_and_unique(std::span<const Row> rows) {
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (!(rows[i - 1].id < rows[i].id)) return false;
  }
  return true;
}
constexpr bool disjoint(std::span<const BuiltinRule> rules, std::span<const DeclaredFinding> rest) {
  for (const BuiltinRule& rule : rules) {
    for (const DeclaredFinding& finding : rest) {
      if (rule.id == finding.id) return false;
    }
  }
  return true;
}
static_assert(sorted_and_unique(std::span<const BuiltinRule>(kAllRules)),
              "rule_table.inc: PUSHGATE_RULE rows must be sorted by id, once each");
static_assert(sorted_and_unique(std::span<const DeclaredFinding>(kAllFindings)),
              "rule_table.inc: PUSHGATE_FINDING rows must be sorted by id, once each");
static_assert(disjoint(kAllRules, kAllFindings),
              "rule_table.inc: an id is a PUSHGATE_RULE or a PUSHGATE_FINDING, not both");

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

std::span<const DeclaredFinding> declared_findings() {
  return kAllFindings;
}

const DeclaredFinding* find_declared_finding(std::string_view id) {
  for (const DeclaredFinding& finding : kAllFindings) {
    if (finding.id == id) return &finding;
  }
  return nullptr;
}

std::string_view describe_maker(FindingMaker maker) {
  switch (maker) {
    case FindingMaker::kGate:
      return "the gate itself";
    case FindingMaker::kReader:
      return "a file reader";
    case FindingMaker::kCheck:
      return "a check that is on with its input or its config section";
    case FindingMaker::kSchema:
      return "schema validation";
    case FindingMaker::kOpa:
      return "the OPA validator";
    case FindingMaker::kConfig:
      return "the config loader";
    case FindingMaker::kPolicy:
      return "the policy pass";
    case FindingMaker::kInternal:
      return "pushgate itself, failing to do its work";
  }
  return "";
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
