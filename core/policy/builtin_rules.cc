#include "core/policy/builtin_rules.h"

#include <array>

namespace pushgate {
namespace {

constexpr Severity kE = Severity::kError;
constexpr Severity kW = Severity::kWarning;

constexpr std::array<OptionSpec, 1> kRegistryOptions = {
    {{"registries", OptionType::kStrings, true}}};
constexpr std::array<OptionSpec, 1> kReplicasOptions = {{{"min", OptionType::kInteger}}};
constexpr std::array<OptionSpec, 1> kTargetRevisionOptions = {
    {{"tag_pattern", OptionType::kRegex}}};
constexpr std::array<OptionSpec, 1> kRepositoryOptions = {
    {{"repositories", OptionType::kStrings, true}}};
constexpr std::array<OptionSpec, 1> kFluxSourceOptions = {
    {{"sources", OptionType::kStrings, true}}};
constexpr std::array<OptionSpec, 1> kArgoProjectOptions = {
    {{"external_projects", OptionType::kStrings}}};
constexpr std::array<OptionSpec, 2> kHelmReleaseValuesOptions = {
    {{"sources", OptionType::kStrings}, {"repositories", OptionType::kStrings}}};
constexpr std::array<OptionSpec, 1> kExternalOptions = {{{"external", OptionType::kStrings}}};
constexpr std::array<OptionSpec, 1> kSuspendOptions = {{{"branches", OptionType::kGlobs}}};
constexpr std::array<OptionSpec, 3> kKustomizeBuildOptions = {
    {{"kustomize", OptionType::kString},
     {"timeout_seconds", OptionType::kInteger},
     {"max_kustomizations", OptionType::kInteger}}};

// Sorted by id. Severity: error where the object is insecure or leaks a credential for certain,
// warning where it is a risk or a hygiene problem that a reviewer may accept.
// The size is counted by the compiler: a new row needs no other edit here.
constexpr BuiltinRule kAllRules[] = {
    {"gitops/argo-applicationset-path", kE, RuleGate::kOptIn, kRepositoryOptions},
    {"gitops/argo-destination", kE, RuleGate::kRecommended},
    {"gitops/argo-project", kE, RuleGate::kRecommended, kArgoProjectOptions},
    {"gitops/argo-source-path", kE, RuleGate::kOptIn, kRepositoryOptions},
    {"gitops/argo-target-revision", kW, RuleGate::kRecommended, kTargetRevisionOptions},
    {"gitops/deprecated-api-version", kW, RuleGate::kRecommended},
    {"gitops/duplicate-object", kE, RuleGate::kRecommended},
    {"gitops/duplicate-object-unapplied", kW, RuleGate::kRecommended},
    {"gitops/flux-depends-on", kE, RuleGate::kRecommended, kExternalOptions},
    {"gitops/flux-sops-decryption", kE, RuleGate::kOptIn, kFluxSourceOptions},
    {"gitops/flux-source-external", kW, RuleGate::kRecommended},
    {"gitops/flux-source-path", kE, RuleGate::kOptIn, kFluxSourceOptions},
    {"gitops/flux-source-ref", kE, RuleGate::kRecommended, kExternalOptions},
    {"gitops/flux-suspended", kE, RuleGate::kRecommended, kSuspendOptions},
    {"gitops/helm-chart", kE, RuleGate::kRecommended},
    {"gitops/helm-chart-version-unpinned", kW, RuleGate::kRecommended},
    {"gitops/helm-release-values", kE, RuleGate::kOptIn, kHelmReleaseValuesOptions},
    {"gitops/helm-values-schema", kE, RuleGate::kRecommended},
    {"gitops/kustomization-prune", kW, RuleGate::kRecommended},
    {"gitops/kustomize-build", kE, RuleGate::kOptIn, kKustomizeBuildOptions},
    {"gitops/kustomize-patch-target", kW, RuleGate::kRecommended},
    {"gitops/kustomize-reference", kE, RuleGate::kMinimal},
    {"gitops/kustomize-remote-base", kW, RuleGate::kRecommended},
    {"k8s/allow-privilege-escalation", kE, RuleGate::kPodSecurityRestricted},
    {"k8s/apparmor-unconfined", kE, RuleGate::kPodSecurityBaseline},
    {"k8s/automount-service-account-token", kW, RuleGate::kStrict},
    {"k8s/capabilities-added", kE, RuleGate::kPodSecurityBaseline},
    {"k8s/capabilities-drop-all", kE, RuleGate::kPodSecurityRestricted},
    {"k8s/host-ipc", kE, RuleGate::kPodSecurityBaseline},
    {"k8s/host-network", kE, RuleGate::kPodSecurityBaseline},
    {"k8s/host-path", kE, RuleGate::kPodSecurityBaseline},
    {"k8s/host-pid", kE, RuleGate::kPodSecurityBaseline},
    {"k8s/host-port", kE, RuleGate::kPodSecurityBaseline},
    {"k8s/image-digest", kW, RuleGate::kOptIn},
    {"k8s/image-latest", kW, RuleGate::kRecommended},
    {"k8s/image-pull-policy", kW, RuleGate::kRecommended},
    {"k8s/image-registry", kE, RuleGate::kOptIn, kRegistryOptions},
    {"k8s/ingress-tls", kW, RuleGate::kRecommended},
    {"k8s/liveness-probe", kW, RuleGate::kStrict},
    {"k8s/object-size", kE, RuleGate::kMinimal},
    {"k8s/pdb-missing", kW, RuleGate::kStrict},
    {"k8s/privileged", kE, RuleGate::kPodSecurityBaseline},
    {"k8s/proc-mount", kE, RuleGate::kPodSecurityBaseline},
    {"k8s/rbac-cluster-admin-binding", kW, RuleGate::kRecommended},
    {"k8s/rbac-secrets-access", kW, RuleGate::kRecommended},
    {"k8s/rbac-wildcard-resources", kW, RuleGate::kRecommended},
    {"k8s/rbac-wildcard-verbs", kW, RuleGate::kRecommended},
    {"k8s/read-only-root-filesystem", kW, RuleGate::kStrict},
    {"k8s/readiness-probe", kW, RuleGate::kRecommended},
    {"k8s/replicas-minimum", kW, RuleGate::kOptIn, kReplicasOptions},
    {"k8s/resource-limits", kW, RuleGate::kRecommended},
    {"k8s/resource-requests", kW, RuleGate::kRecommended},
    {"k8s/run-as-non-root", kE, RuleGate::kPodSecurityRestricted},
    {"k8s/run-as-user-root", kE, RuleGate::kPodSecurityRestricted},
    {"k8s/seccomp-profile-missing", kE, RuleGate::kPodSecurityRestricted},
    {"k8s/seccomp-unconfined", kE, RuleGate::kPodSecurityBaseline},
    {"k8s/selinux-options", kE, RuleGate::kPodSecurityBaseline},
    {"k8s/service-load-balancer", kW, RuleGate::kRecommended},
    {"k8s/service-node-port", kW, RuleGate::kRecommended},
    {"k8s/unsafe-sysctls", kE, RuleGate::kPodSecurityBaseline},
    {"k8s/volume-types", kE, RuleGate::kPodSecurityRestricted},
    {"k8s/windows-host-process", kE, RuleGate::kPodSecurityBaseline},
    {"secret/aws-access-key", kE, RuleGate::kMinimal},
    {"secret/azure-credential", kE, RuleGate::kMinimal},
    {"secret/gcp-api-key", kE, RuleGate::kMinimal},
    {"secret/generic-high-entropy", kW, RuleGate::kRecommended},
    {"secret/github-token", kE, RuleGate::kMinimal},
    {"secret/gitlab-token", kE, RuleGate::kMinimal},
    {"secret/plaintext-secret", kE, RuleGate::kMinimal},
    {"secret/private-key", kE, RuleGate::kMinimal},
    {"secret/slack-token", kE, RuleGate::kMinimal},
    {"terraform/module-source-unpinned", kW, RuleGate::kRecommended},
    {"terraform/version-constraints", kW, RuleGate::kOptIn},
    {"terragrunt/dependency-cycle", kE, RuleGate::kMinimal},
    {"terragrunt/dependency-path", kE, RuleGate::kMinimal},
    {"terragrunt/include-path", kE, RuleGate::kMinimal},
    {"terragrunt/read-config-path", kE, RuleGate::kMinimal},
    {"terragrunt/source-path", kE, RuleGate::kMinimal},
    {"terragrunt/source-unpinned", kW, RuleGate::kRecommended},
};

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
  }
  return "";
}

}  // namespace pushgate
