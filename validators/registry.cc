// The one place validators are built: a rule declared in core/policy/rule_table.inc adds one line
// here. Listed by hand, not generated from the table: the order is the order findings come in,
// constructors take different parts of the config, some are built only with their config section
// (`kubernetes:`, `opa:`, `schemas:`) and the kustomize build comes last. builtin_rules_test.cc
// checks the list against the table both ways.
#include "core/policy/builtin_rules.h"
#include "validators/custom/custom_rule_validator.h"
#include "validators/gitops/argo_applicationset_path_rule.h"
#include "validators/gitops/argo_destination_rule.h"
#include "validators/gitops/argo_project_rule.h"
#include "validators/gitops/argo_source_path_rule.h"
#include "validators/gitops/argo_target_revision_rule.h"
#include "validators/gitops/deprecated_api_version_rule.h"
#include "validators/gitops/duplicate_object_rule.h"
#include "validators/gitops/flux_depends_on_rule.h"
#include "validators/gitops/flux_sops_decryption_rule.h"
#include "validators/gitops/flux_source_external_rule.h"
#include "validators/gitops/flux_source_path_rule.h"
#include "validators/gitops/flux_source_ref_rule.h"
#include "validators/gitops/flux_suspended_rule.h"
#include "validators/gitops/helm_chart_rule.h"
#include "validators/gitops/helm_chart_version_unpinned_rule.h"
#include "validators/gitops/helm_release_values_rule.h"
#include "validators/gitops/helm_values_schema_rule.h"
#include "validators/gitops/kustomization_prune_rule.h"
#include "validators/gitops/kustomize_build_rule.h"
#include "validators/gitops/kustomize_patch_target_rule.h"
#include "validators/gitops/kustomize_reference_rule.h"
#include "validators/gitops/kustomize_remote_base_rule.h"
#include "validators/gitops/symlink_escape_rule.h"
#include "validators/hcl/duplicate_attribute_rule.h"
#include "validators/hcl/duplicate_block_rule.h"
#include "validators/k8s/allow_privilege_escalation_rule.h"
#include "validators/k8s/apparmor_unconfined_rule.h"
#include "validators/k8s/automount_service_account_token_rule.h"
#include "validators/k8s/capabilities_added_rule.h"
#include "validators/k8s/capabilities_drop_all_rule.h"
#include "validators/k8s/duplicate_name_rule.h"
#include "validators/k8s/host_ipc_rule.h"
#include "validators/k8s/host_network_rule.h"
#include "validators/k8s/host_path_rule.h"
#include "validators/k8s/host_pid_rule.h"
#include "validators/k8s/host_port_rule.h"
#include "validators/k8s/image_digest_rule.h"
#include "validators/k8s/image_latest_rule.h"
#include "validators/k8s/image_pull_policy_rule.h"
#include "validators/k8s/image_registry_rule.h"
#include "validators/k8s/ingress_tls_rule.h"
#include "validators/k8s/invalid_cron_rule.h"
#include "validators/k8s/invalid_label_rule.h"
#include "validators/k8s/invalid_name_rule.h"
#include "validators/k8s/invalid_port_rule.h"
#include "validators/k8s/invalid_quantity_rule.h"
#include "validators/k8s/liveness_probe_rule.h"
#include "validators/k8s/object_size_rule.h"
#include "validators/k8s/pdb_missing_rule.h"
#include "validators/k8s/privileged_rule.h"
#include "validators/k8s/proc_mount_rule.h"
#include "validators/k8s/rbac_cluster_admin_binding_rule.h"
#include "validators/k8s/rbac_secrets_access_rule.h"
#include "validators/k8s/rbac_wildcard_resources_rule.h"
#include "validators/k8s/rbac_wildcard_verbs_rule.h"
#include "validators/k8s/read_only_root_filesystem_rule.h"
#include "validators/k8s/readiness_probe_rule.h"
#include "validators/k8s/replicas_minimum_rule.h"
#include "validators/k8s/resource_limits_rule.h"
#include "validators/k8s/resource_requests_rule.h"
#include "validators/k8s/run_as_non_root_rule.h"
#include "validators/k8s/run_as_user_root_rule.h"
#include "validators/k8s/seccomp_profile_missing_rule.h"
#include "validators/k8s/seccomp_unconfined_rule.h"
#include "validators/k8s/selector_mismatch_rule.h"
#include "validators/k8s/selinux_options_rule.h"
#include "validators/k8s/service_load_balancer_rule.h"
#include "validators/k8s/service_node_port_rule.h"
#include "validators/k8s/unsafe_sysctls_rule.h"
#include "validators/k8s/volume_types_rule.h"
#include "validators/k8s/windows_host_process_rule.h"
#include "validators/opa/opa_validator.h"
#include "validators/schema/api_version_kind_rule.h"
#include "validators/schema/kubernetes_schema_validator.h"
#include "validators/schema/path_schema_validator.h"
#include "validators/schema/removed_api_rule.h"
#include "validators/secret/aws_access_key_rule.h"
#include "validators/secret/azure_credential_rule.h"
#include "validators/secret/gcp_api_key_rule.h"
#include "validators/secret/generic_high_entropy_rule.h"
#include "validators/secret/github_token_rule.h"
#include "validators/secret/gitlab_token_rule.h"
#include "validators/secret/plaintext_secret_rule.h"
#include "validators/secret/private_key_rule.h"
#include "validators/secret/slack_token_rule.h"
#include "validators/terraform/module_source_unpinned_rule.h"
#include "validators/terraform/version_constraints_rule.h"
#include "validators/terragrunt/dependency_cycle_rule.h"
#include "validators/terragrunt/dependency_path_rule.h"
#include "validators/terragrunt/include_path_rule.h"
#include "validators/terragrunt/read_config_path_rule.h"
#include "validators/terragrunt/source_path_rule.h"
#include "validators/terragrunt/source_unpinned_rule.h"
#include "validators/terragrunt/stack_values_rule.h"
#include "validators/validator.h"

namespace pushgate {

void Validator::check_entry(const EntryContext& /*entry*/, FindingList& /*out*/) const {}
void Validator::check_file(const FileContext& /*file*/, FindingList& /*out*/) const {}
void Validator::check_run(const RunContext& /*run*/, FindingList& /*out*/) const {}

ValidatorSet::ValidatorSet(const Config& config) {
  validators_.push_back(std::make_unique<SymlinkEscapeRule>());
  validators_.push_back(std::make_unique<ApiVersionKindRule>());
  validators_.push_back(std::make_unique<PrivilegedRule>());
  validators_.push_back(std::make_unique<ObjectSizeRule>());
  validators_.push_back(std::make_unique<HostNetworkRule>());
  validators_.push_back(std::make_unique<HostPidRule>());
  validators_.push_back(std::make_unique<HostIpcRule>());
  validators_.push_back(std::make_unique<HostPathRule>());
  validators_.push_back(std::make_unique<HostPortRule>());
  validators_.push_back(std::make_unique<CapabilitiesAddedRule>());
  validators_.push_back(std::make_unique<SeccompUnconfinedRule>());
  validators_.push_back(std::make_unique<ApparmorUnconfinedRule>());
  validators_.push_back(std::make_unique<SelinuxOptionsRule>());
  validators_.push_back(std::make_unique<ProcMountRule>());
  validators_.push_back(std::make_unique<UnsafeSysctlsRule>());
  validators_.push_back(std::make_unique<WindowsHostProcessRule>());
  validators_.push_back(std::make_unique<AllowPrivilegeEscalationRule>());
  validators_.push_back(std::make_unique<RunAsNonRootRule>());
  validators_.push_back(std::make_unique<RunAsUserRootRule>());
  validators_.push_back(std::make_unique<SeccompProfileMissingRule>());
  validators_.push_back(std::make_unique<CapabilitiesDropAllRule>());
  validators_.push_back(std::make_unique<VolumeTypesRule>());
  validators_.push_back(std::make_unique<ReadOnlyRootFilesystemRule>());
  validators_.push_back(std::make_unique<AutomountServiceAccountTokenRule>());
  validators_.push_back(std::make_unique<ImageLatestRule>());
  validators_.push_back(std::make_unique<ImageDigestRule>());
  validators_.push_back(std::make_unique<ImageRegistryRule>(config.policies));
  validators_.push_back(std::make_unique<ImagePullPolicyRule>());
  validators_.push_back(std::make_unique<ResourceRequestsRule>());
  validators_.push_back(std::make_unique<ResourceLimitsRule>());
  validators_.push_back(std::make_unique<LivenessProbeRule>());
  validators_.push_back(std::make_unique<ReadinessProbeRule>());
  validators_.push_back(std::make_unique<ReplicasMinimumRule>(config.policies));
  validators_.push_back(std::make_unique<RbacWildcardVerbsRule>());
  validators_.push_back(std::make_unique<RbacWildcardResourcesRule>());
  validators_.push_back(std::make_unique<RbacSecretsAccessRule>());
  validators_.push_back(std::make_unique<RbacClusterAdminBindingRule>());
  validators_.push_back(std::make_unique<ServiceNodePortRule>());
  validators_.push_back(std::make_unique<ServiceLoadBalancerRule>());
  validators_.push_back(std::make_unique<IngressTlsRule>());
  validators_.push_back(std::make_unique<HelmChartVersionUnpinnedRule>());
  validators_.push_back(std::make_unique<ArgoTargetRevisionRule>(config.policies));
  validators_.push_back(std::make_unique<FluxSuspendedRule>(config.policies));
  validators_.push_back(std::make_unique<KustomizationPruneRule>());
  validators_.push_back(std::make_unique<DeprecatedApiVersionRule>());
  validators_.push_back(std::make_unique<PlaintextSecretRule>());
  validators_.push_back(std::make_unique<PrivateKeyRule>());
  validators_.push_back(std::make_unique<AwsAccessKeyRule>());
  validators_.push_back(std::make_unique<GcpApiKeyRule>());
  validators_.push_back(std::make_unique<AzureCredentialRule>());
  validators_.push_back(std::make_unique<GithubTokenRule>());
  validators_.push_back(std::make_unique<GitlabTokenRule>());
  validators_.push_back(std::make_unique<SlackTokenRule>());
  validators_.push_back(std::make_unique<GenericHighEntropyRule>());
  validators_.push_back(std::make_unique<PdbMissingRule>());
  validators_.push_back(std::make_unique<KustomizeReferenceRule>());
  validators_.push_back(std::make_unique<KustomizeRemoteBaseRule>());
  validators_.push_back(std::make_unique<KustomizePatchTargetRule>());
  validators_.push_back(std::make_unique<DuplicateObjectRule>());
  validators_.push_back(std::make_unique<DuplicateObjectRule>(/*unapplied=*/true));
  validators_.push_back(std::make_unique<HelmChartRule>());
  validators_.push_back(std::make_unique<HelmValuesSchemaRule>());
  validators_.push_back(std::make_unique<ArgoSourcePathRule>(config.policies));
  validators_.push_back(std::make_unique<FluxSourcePathRule>(config.policies));
  validators_.push_back(std::make_unique<ArgoProjectRule>(config.policies));
  validators_.push_back(std::make_unique<ArgoDestinationRule>());
  validators_.push_back(std::make_unique<ArgoApplicationSetPathRule>(config.policies));
  validators_.push_back(std::make_unique<HelmReleaseValuesRule>(config.policies));
  validators_.push_back(std::make_unique<FluxSourceRefRule>(config.policies));
  validators_.push_back(std::make_unique<FluxSourceExternalRule>(config.policies));
  validators_.push_back(std::make_unique<FluxDependsOnRule>(config.policies));
  validators_.push_back(std::make_unique<FluxSopsDecryptionRule>(config.policies));
  // HCL: Terraform and Terragrunt (docs/hcl.md).
  validators_.push_back(std::make_unique<DuplicateAttributeRule>());
  validators_.push_back(std::make_unique<DuplicateBlockRule>());
  validators_.push_back(std::make_unique<ModuleSourceUnpinnedRule>());
  validators_.push_back(std::make_unique<VersionConstraintsRule>());
  validators_.push_back(std::make_unique<TerragruntSourceUnpinnedRule>());
  validators_.push_back(std::make_unique<IncludePathRule>());
  validators_.push_back(std::make_unique<DependencyPathRule>());
  validators_.push_back(std::make_unique<SourcePathRule>());
  validators_.push_back(std::make_unique<ReadConfigPathRule>());
  validators_.push_back(std::make_unique<DependencyCycleRule>());
  validators_.push_back(std::make_unique<StackValuesRule>());
  for (const auto& rule : config.policies.custom) {
    validators_.push_back(std::make_unique<CustomRuleValidator>(rule));
  }
  if (config.kubernetes) {
    if (config.kubernetes->version) {
      validators_.push_back(std::make_unique<RemovedApiRule>(*config.kubernetes->version));
    }
    validators_.push_back(std::make_unique<SelectorMismatchRule>());
    validators_.push_back(std::make_unique<InvalidNameRule>());
    validators_.push_back(std::make_unique<InvalidLabelRule>());
    validators_.push_back(std::make_unique<InvalidQuantityRule>());
    validators_.push_back(std::make_unique<InvalidPortRule>());
    validators_.push_back(std::make_unique<DuplicateNameRule>());
    validators_.push_back(std::make_unique<InvalidCronRule>());
    validators_.push_back(std::make_unique<KubernetesSchemaValidator>(
        *config.kubernetes, config.origin.empty() ? "pushgate.yaml" : config.origin));
  }
  if (config.opa) validators_.push_back(std::make_unique<OpaValidator>(*config.opa));
  if (!config.schemas.empty()) {
    validators_.push_back(std::make_unique<PathSchemaValidator>(config.schemas));
  }
  // Last: it runs the object rules and schemas above on the objects kustomize renders.
  validators_.push_back(std::make_unique<KustomizeBuildRule>(config.policies, *this));
  // Policy rules the config leaves off are not built at all: they would cost time for nothing.
  std::erase_if(validators_, [&](const auto& v) { return !rule_runs(v->rule(), config.policies); });
}

}  // namespace pushgate
