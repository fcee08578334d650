// Real GitOps repositories (../shared/corpus) against the real Kubernetes 1.35 schemas and CRDs:
// what is valid validates clean, what is genuinely broken is reported at the exact spot.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/unit/schema/kubernetes_test_schemas.h"

namespace pushgate {
namespace {

using schema_test::check_file;
using schema_test::check_yaml;
using schema_test::describe;
using schema_test::FileCheck;

std::string corpus(const std::string& path) {
  return schema_test::shared_dir() + "/corpus/" + path;
}

// Every YAML file below `dir` (recursively) validates clean; returns the documents validated.
int expect_clean_tree(const KindSchemaSet& schemas, const std::string& dir) {
  int validated = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    std::string path = entry.path().string();
    if (!entry.is_regular_file() || !(path.ends_with(".yaml") || path.ends_with(".yml"))) continue;
    FileCheck check = check_file(schemas, path);
    validated += check.validated;
    EXPECT_TRUE(check.violations.empty()) << path << "\n" << describe(check.violations);
  }
  return validated;
}

TEST(SchemaCorpus, OnlineBoutiqueManifestsValidateClean) {
  const KindSchemaSet& schemas = schema_test::kubernetes_schemas();
  int validated = expect_clean_tree(
      schemas, corpus("GoogleCloudPlatform__microservices-demo/kubernetes-manifests"));
  FileCheck bundle = check_file(
      schemas, corpus("GoogleCloudPlatform__microservices-demo/release/kubernetes-manifests.yaml"));
  EXPECT_TRUE(bundle.violations.empty()) << describe(bundle.violations);
  EXPECT_GE(validated, 30);         // Deployments, Services, ServiceAccounts
  EXPECT_GE(bundle.validated, 30);  // the same, as one multi-document file
}

TEST(SchemaCorpus, KubePrometheusCoreKindsValidateClean) {
  // Prometheus-operator kinds have no CRD here and are skipped; the rest is core Kubernetes
  // (Deployments, DaemonSets, RBAC, NetworkPolicies, PodDisruptionBudgets, ...).
  int validated = expect_clean_tree(schema_test::kubernetes_schemas(),
                                    corpus("prometheus-operator__kube-prometheus/manifests"));
  EXPECT_GE(validated, 70);
}

TEST(SchemaCorpus, ArgoCdGuestbookValidatesClean) {
  int validated = expect_clean_tree(schema_test::kubernetes_schemas(),
                                    corpus("argoproj__argocd-example-apps/guestbook"));
  EXPECT_EQ(validated, 2);
}

TEST(SchemaCorpus, FluxExampleValidatesCleanWithFluxCrds) {
  KindSchemaSet schemas = schema_test::with_crds("flux-v2.9.0");
  int validated =
      expect_clean_tree(schemas, corpus("fluxcd__flux2-kustomize-helm-example/clusters")) +
      expect_clean_tree(schemas, corpus("fluxcd__flux2-kustomize-helm-example/infrastructure"));
  EXPECT_GE(validated, 8);  // Flux Kustomizations, HelmReleases, HelmRepositories, Namespaces
}

TEST(SchemaCorpus, HomeOpsAlertUsesAKindTheAlertCrdDoesNotAllow) {
  // A genuine CR-vs-CRD error in the corpus (corpus/SOURCES.md): FluxInstance is not in the
  // Flux 2.9 Alert CRD's eventSources[].kind enum.
  KindSchemaSet schemas = schema_test::with_crds("flux-v2.9.0");
  FileCheck check = check_file(
      schemas, corpus("bjw-s-labs__home-ops/kubernetes/components/flux-alerts/alert.yaml"));
  ASSERT_EQ(check.violations.size(), 1u) << describe(check.violations);
  const Violation& v = check.violations[0];
  EXPECT_EQ(v.rule, "schema/enum");
  EXPECT_EQ(v.json_path, "spec.eventSources[0].kind");
  EXPECT_EQ(v.node.position(), (Position{12, 13}));
  EXPECT_NE(v.message.find("got string \"FluxInstance\""), std::string::npos) << v.message;
}

TEST(SchemaCorpus, GitopsCatalogIndentationMistakesAreCaught) {
  // Two real mistakes: labels written straight under metadata, and `ports` indented under
  // securityContext instead of the container. The API server drops both silently.
  const KindSchemaSet& schemas = schema_test::kubernetes_schemas();
  FileCheck binding = check_file(
      schemas, corpus("redhat-cop__gitops-catalog/1password-connect/operator/base/scc.yaml"));
  ASSERT_EQ(binding.violations.size(), 2u) << describe(binding.violations);
  EXPECT_EQ(binding.violations[0].node.position(), (Position{5, 3}));
  EXPECT_EQ(binding.violations[0].json_path, "metadata[app.kubernetes.io/name]");
  EXPECT_EQ(binding.violations[0].message,
            "unknown field `app.kubernetes.io/name` in metadata; remove it, or check its spelling "
            "and indentation");
  EXPECT_EQ(binding.violations[1].node.position(), (Position{6, 3}));

  FileCheck deployment = check_file(
      schemas, corpus("redhat-cop__gitops-catalog/1password-connect/connect/base/deployment.yaml"));
  ASSERT_EQ(deployment.violations.size(), 1u) << describe(deployment.violations);
  EXPECT_EQ(deployment.violations[0].node.position(), (Position{27, 13}));
  EXPECT_EQ(deployment.violations[0].json_path,
            "spec.template.spec.containers[0].securityContext.ports");
}

TEST(SchemaCorpus, KustomizeValidationTransformerInvalidConfigMapIsRejected) {
  // SOURCES.md: invalid.yaml is deliberately invalid (ConfigMap data is a list) and valid.yaml
  // is its valid twin.
  const KindSchemaSet& schemas = schema_test::kubernetes_schemas();
  FileCheck valid = check_file(
      schemas, corpus("kubernetes-sigs__kustomize-examples/examples/validationTransformer/valid.yaml"));
  EXPECT_EQ(valid.validated, 1);
  EXPECT_TRUE(valid.violations.empty()) << describe(valid.violations);
  FileCheck invalid = check_file(
      schemas,
      corpus("kubernetes-sigs__kustomize-examples/examples/validationTransformer/invalid.yaml"));
  ASSERT_EQ(invalid.violations.size(), 1u) << describe(invalid.violations);
  EXPECT_EQ(invalid.violations[0].rule, "schema/type");
  EXPECT_EQ(invalid.violations[0].json_path, "data");
  EXPECT_EQ(invalid.violations[0].node.position(), (Position{6, 1}));
}

TEST(SchemaCorpus, FluxMonitoringExampleValidatesCleanWithFluxCrds) {
  KindSchemaSet schemas = schema_test::with_crds("flux-v2.9.0");
  int validated =
      expect_clean_tree(schemas, corpus("fluxcd__flux2-monitoring-example/monitoring/controllers"));
  EXPECT_GE(validated, 5);  // HelmReleases, HelmRepository, OCIRepository, Namespace
}

TEST(SchemaCorpus, HandMadeBrokenDeploymentReportsEachMistakeExactly) {
  FileCheck check = check_yaml(schema_test::kubernetes_schemas(), R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
  labels:
    version: 1.10
spec:
  replicas: "3"
  selector:
    matchLabels: {app: frontend}
  template:
    metadata:
      labels: {app: frontend}
    spec:
      containers:
        - name: server
          image: gcr.io/google-samples/microservices-demo/frontend:v0.10.3
          imagePulPolicy: Always
          ports:
            - containerPort: http
          resources:
            limits: {cpu: true, memory: 128Mi}
        - name: server
          image: busybox
      terminationGracePeriodSeconds: 30s
)");
  ASSERT_EQ(check.validated, 1);
  struct Expected {
    const char* rule;
    const char* path;
    Position at;
  };
  const Expected expected[] = {
      {"schema/type", "metadata.labels.version", {6, 14}},
      {"schema/type", "spec.replicas", {8, 13}},
      {"schema/additional-property", "spec.template.spec.containers[0].imagePulPolicy", {18, 11}},
      {"schema/type", "spec.template.spec.containers[0].ports[0].containerPort", {20, 30}},
      {"schema/type", "spec.template.spec.containers[0].resources.limits.cpu", {22, 27}},
      {"schema/list-type", "spec.template.spec.containers[1]", {23, 11}},
      {"schema/type", "spec.template.spec.terminationGracePeriodSeconds", {25, 38}},
  };
  ASSERT_EQ(check.violations.size(), std::size(expected)) << describe(check.violations);
  for (std::size_t i = 0; i < std::size(expected); ++i) {
    EXPECT_EQ(check.violations[i].rule, expected[i].rule) << i;
    EXPECT_EQ(check.violations[i].json_path, expected[i].path) << i;
    EXPECT_EQ(check.violations[i].node.position(), expected[i].at) << i << " " << expected[i].path;
  }
  EXPECT_NE(check.violations[0].message.find("quote it (\"1.10\")"), std::string::npos);
  EXPECT_NE(check.violations[1].message.find("remove the quotes"), std::string::npos);
  EXPECT_NE(check.violations[2].message.find("did you mean `imagePullPolicy`?"), std::string::npos);
  EXPECT_EQ(check.violations[4].message,
            "spec.template.spec.containers[0].resources.limits.cpu must be string or number, got "
            "boolean true; YAML reads the unquoted true as a boolean: quote it (\"true\") to keep "
            "it a string");
  EXPECT_NE(check.violations[5].message.find("name=string \"server\""), std::string::npos);
}

}  // namespace
}  // namespace pushgate
