#pragma once
// The values of the `policies:` section of pushgate.yaml (docs/policies.md): which built-in rules
// run, how severe they are, where they apply, the team's own declarative rules and central
// exceptions. Plain, copyable values, read and checked once by the config loader
// (core/config/policies_config.h); the policy pass (policy_pass.h) and the validators read them.
// Compiled custom rules are shared, immutable and safe to use from every worker.
//
//   if (const RuleSetting* s = config.policies.setting("k8s/image-latest"); s && !s->enabled) ...
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/finding/finding.h"

namespace pushgate {

class CustomRule;  // core/policy/custom_rule.h

// Profiles nest: everything `minimal` enables, `recommended` enables too, and so on.
enum class PolicyProfile : std::uint8_t {
  kMinimal,      // only what is insecure or leaks credentials for certain
  kRecommended,  // the default: security plus the reliability and GitOps hygiene most teams want
  kStrict,       // everything built in except the opt-in rules, and Pod Security `restricted`
};

// Kubernetes Pod Security Standards level enforced by the k8s pod-security rules.
enum class PodSecurityLevel : std::uint8_t {
  kBaseline,    // prevents known privilege escalations (hostPID, privileged, hostPath, ...)
  kRestricted,  // baseline plus current pod-hardening practice (non-root, drop ALL, seccomp)
};

// A rule option, typed by the rule's row in core/policy/rule_table.inc.
using RuleOptionValue = std::variant<bool, std::int64_t, std::string, std::vector<std::string>>;

struct RuleOptions {
  std::map<std::string, RuleOptionValue, std::less<>> values;

  // The option's value when it is set with that type, else nullptr / nullopt.
  const std::vector<std::string>* strings(std::string_view name) const;
  const std::string* string(std::string_view name) const;
  std::optional<std::int64_t> integer(std::string_view name) const;
  std::optional<bool> boolean(std::string_view name) const;
};

// Where a rule (or a custom rule's match) applies. Every non-empty list must match; empty lists
// match everything.
struct ObjectScope {
  std::vector<std::string> paths;         // repository path globs (core/base/glob.h)
  std::vector<std::string> namespaces;    // metadata.namespace, exact ("" never matches a list)
  std::vector<std::string> kinds;         // kind, exact ("Deployment")
  std::vector<std::string> api_versions;  // apiVersion, exact ("apps/v1"); custom match only
  std::vector<std::pair<std::string, std::string>> labels;  // metadata.labels, all must equal

  bool empty() const {
    return paths.empty() && namespaces.empty() && kinds.empty() && api_versions.empty() &&
           labels.empty();
  }
};

// `policies.rules.<id>`: a plain severity, `off`, or a mapping.
struct RuleSetting {
  bool enabled = true;               // false for `off`
  std::optional<Severity> severity;  // unset: the rule's default severity
  RuleOptions options;
  ObjectScope scope;
  Position position;  // of the rule id in the config, for messages
};

// A calendar day as days since 1970-01-01 (UTC), with the text it was written as.
struct PolicyDate {
  std::int32_t days = 0;
  std::string text;  // "2026-12-31"
};

// `policies.exceptions[i]`: silences the named rules for matching files and objects, visibly.
struct PolicyException {
  std::vector<std::string> rules;  // rule ids; at least one
  std::vector<std::string> paths;  // globs; empty: any file
  // The object: each part empty means any.
  std::string kind;
  std::string namespace_;
  std::string name;
  std::string reason;                 // required, shown in the exemption-used finding
  std::optional<PolicyDate> expires;  // after this day the exception no longer applies
  Position position;                  // of the entry in the config
};

struct PoliciesConfig {
  PolicyProfile profile = PolicyProfile::kRecommended;
  std::optional<PodSecurityLevel> pod_security;  // unset: restricted for strict, else baseline
  std::map<std::string, RuleSetting, std::less<>> rules;
  std::vector<std::shared_ptr<const CustomRule>> custom;
  std::vector<PolicyException> exceptions;

  PodSecurityLevel effective_pod_security() const {
    if (pod_security) return *pod_security;
    return profile == PolicyProfile::kStrict ? PodSecurityLevel::kRestricted
                                             : PodSecurityLevel::kBaseline;
  }
  // The setting for `rule_id`, or nullptr when the config does not mention it.
  const RuleSetting* setting(std::string_view rule_id) const {
    const auto it = rules.find(rule_id);
    return it == rules.end() ? nullptr : &it->second;
  }
};

}  // namespace pushgate
