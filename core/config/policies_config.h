#pragma once
// The `policies:` section of pushgate.yaml (docs/policies.md): which built-in rules run, how
// severe they are, where they apply, the team's own declarative rules, and central exceptions.
//
//   policies:
//     profile: strict                 # minimal | recommended (default) | strict
//     pod_security: restricted        # baseline | restricted (default: by profile)
//     rules:
//       k8s/image-latest: error
//       k8s/image-registry: {options: {registries: [ghcr.io/acme/]}}
//       k8s/replicas-minimum: {paths: [clusters/prod/**], options: {min: 3}}
//     custom: [{id: team-label, match: {kinds: [Deployment]}, assert: [...]}]
//     exceptions: [{rule: k8s/host-path, paths: [infra/**], reason: "...", expires: 2026-12-31}]
//
// Everything here is read and checked once, when the config is loaded (core/config/
// policies_config.cc): unknown rule ids, bad options, bad custom rules and bad exceptions are
// config errors with line:col. The values are plain and copyable; compiled custom rules are
// shared, immutable and safe to use from every worker.
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

class ConfigReader;
class NodeRef;
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

// A rule option, typed by the rule's declaration in core/policy/builtin_rules.cc.
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

struct Config;
// Reads one scope key (paths, namespaces, kinds, apiVersions, labels) into `scope`; false when
// `name` is none of them. Shared by policies.rules and custom rules' `match`.
bool read_scope_key(ConfigReader& reader, std::string_view name, NodeRef value,
                    const std::string& key_path, ObjectScope& scope);
// The reader for `policies:` (hooked up in config_keys.cc).
void read_policies(ConfigReader& reader, NodeRef value, const std::string& key_path,
                   Config& config);

}  // namespace pushgate
