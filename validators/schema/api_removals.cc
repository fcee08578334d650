#include "validators/schema/api_removals.h"

#include <array>

namespace pushgate {
namespace {

constexpr KubernetesVersion v(int minor) {
  return KubernetesVersion{1, minor};
}

// One row per apiVersion/kind; sources: the Kubernetes deprecation guide and release notes.
const std::array kRemovals = {
    // 1.16
    ApiRemoval{"extensions/v1beta1", "Deployment", v(9), v(16), "apps/v1"},
    ApiRemoval{"extensions/v1beta1", "DaemonSet", v(9), v(16), "apps/v1"},
    ApiRemoval{"extensions/v1beta1", "ReplicaSet", v(9), v(16), "apps/v1"},
    ApiRemoval{"extensions/v1beta1", "NetworkPolicy", v(9), v(16), "networking.k8s.io/v1"},
    ApiRemoval{"extensions/v1beta1", "PodSecurityPolicy", v(11), v(16), "policy/v1beta1"},
    ApiRemoval{"apps/v1beta1", "Deployment", v(9), v(16), "apps/v1"},
    ApiRemoval{"apps/v1beta1", "StatefulSet", v(9), v(16), "apps/v1"},
    ApiRemoval{"apps/v1beta1", "ControllerRevision", v(9), v(16), "apps/v1"},
    ApiRemoval{"apps/v1beta2", "Deployment", v(9), v(16), "apps/v1"},
    ApiRemoval{"apps/v1beta2", "StatefulSet", v(9), v(16), "apps/v1"},
    ApiRemoval{"apps/v1beta2", "DaemonSet", v(9), v(16), "apps/v1"},
    ApiRemoval{"apps/v1beta2", "ReplicaSet", v(9), v(16), "apps/v1"},
    ApiRemoval{"apps/v1beta2", "ControllerRevision", v(9), v(16), "apps/v1"},
    // 1.22
    ApiRemoval{"extensions/v1beta1", "Ingress", v(14), v(22), "networking.k8s.io/v1"},
    ApiRemoval{"networking.k8s.io/v1beta1", "Ingress", v(19), v(22), "networking.k8s.io/v1"},
    ApiRemoval{"networking.k8s.io/v1beta1", "IngressClass", v(19), v(22), "networking.k8s.io/v1"},
    ApiRemoval{"rbac.authorization.k8s.io/v1beta1", "ClusterRole", v(17), v(22),
               "rbac.authorization.k8s.io/v1"},
    ApiRemoval{"rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding", v(17), v(22),
               "rbac.authorization.k8s.io/v1"},
    ApiRemoval{"rbac.authorization.k8s.io/v1beta1", "Role", v(17), v(22),
               "rbac.authorization.k8s.io/v1"},
    ApiRemoval{"rbac.authorization.k8s.io/v1beta1", "RoleBinding", v(17), v(22),
               "rbac.authorization.k8s.io/v1"},
    ApiRemoval{"apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", v(16), v(22),
               "apiextensions.k8s.io/v1"},
    ApiRemoval{"admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration", v(16), v(22),
               "admissionregistration.k8s.io/v1"},
    ApiRemoval{"admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", v(16),
               v(22), "admissionregistration.k8s.io/v1"},
    ApiRemoval{"apiregistration.k8s.io/v1beta1", "APIService", v(19), v(22),
               "apiregistration.k8s.io/v1"},
    ApiRemoval{"certificates.k8s.io/v1beta1", "CertificateSigningRequest", v(19), v(22),
               "certificates.k8s.io/v1"},
    ApiRemoval{"coordination.k8s.io/v1beta1", "Lease", v(19), v(22), "coordination.k8s.io/v1"},
    ApiRemoval{"scheduling.k8s.io/v1beta1", "PriorityClass", v(14), v(22), "scheduling.k8s.io/v1"},
    ApiRemoval{"storage.k8s.io/v1beta1", "CSIDriver", v(19), v(22), "storage.k8s.io/v1"},
    ApiRemoval{"storage.k8s.io/v1beta1", "CSINode", v(17), v(22), "storage.k8s.io/v1"},
    ApiRemoval{"storage.k8s.io/v1beta1", "StorageClass", v(19), v(22), "storage.k8s.io/v1"},
    ApiRemoval{"storage.k8s.io/v1beta1", "VolumeAttachment", v(19), v(22), "storage.k8s.io/v1"},
    // 1.25
    ApiRemoval{"batch/v1beta1", "CronJob", v(21), v(25), "batch/v1"},
    ApiRemoval{"discovery.k8s.io/v1beta1", "EndpointSlice", v(21), v(25), "discovery.k8s.io/v1"},
    ApiRemoval{"events.k8s.io/v1beta1", "Event", v(19), v(25), "events.k8s.io/v1"},
    ApiRemoval{"autoscaling/v2beta1", "HorizontalPodAutoscaler", v(23), v(25), "autoscaling/v2"},
    ApiRemoval{"policy/v1beta1", "PodDisruptionBudget", v(21), v(25), "policy/v1"},
    ApiRemoval{"policy/v1beta1", "PodSecurityPolicy", v(21), v(25),
               "Pod Security Admission (namespace labels pod-security.kubernetes.io/*)"},
    ApiRemoval{"node.k8s.io/v1beta1", "RuntimeClass", v(20), v(25), "node.k8s.io/v1"},
    // 1.26
    ApiRemoval{"autoscaling/v2beta2", "HorizontalPodAutoscaler", v(23), v(26), "autoscaling/v2"},
    ApiRemoval{"flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema", v(23), v(26),
               "flowcontrol.apiserver.k8s.io/v1"},
    ApiRemoval{"flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfiguration", v(23), v(26),
               "flowcontrol.apiserver.k8s.io/v1"},
    // 1.27
    ApiRemoval{"storage.k8s.io/v1beta1", "CSIStorageCapacity", v(24), v(27), "storage.k8s.io/v1"},
    // 1.29
    ApiRemoval{"flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema", v(26), v(29),
               "flowcontrol.apiserver.k8s.io/v1"},
    ApiRemoval{"flowcontrol.apiserver.k8s.io/v1beta2", "PriorityLevelConfiguration", v(26), v(29),
               "flowcontrol.apiserver.k8s.io/v1"},
    // 1.32
    ApiRemoval{"flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", v(29), v(32),
               "flowcontrol.apiserver.k8s.io/v1"},
    ApiRemoval{"flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration", v(29), v(32),
               "flowcontrol.apiserver.k8s.io/v1"},
};

}  // namespace

std::optional<ApiRemoval> find_api_removal(std::string_view api_version, std::string_view kind) {
  for (const ApiRemoval& removal : kRemovals) {
    if (removal.api_version == api_version && removal.kind == kind) return removal;
  }
  return std::nullopt;
}

}  // namespace pushgate
