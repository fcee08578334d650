// The recommended profile (the default policy) over every repository in ../shared/corpus: the
// error findings of the per-object policy rules (k8s/, gitops/, secret/, custom/; the whole-tree
// gitops rules have their own corpus test) are pinned one by one,
// so a new false positive, or a true positive that goes missing, fails the test. Each pinned
// group says why it is a real finding. Warnings are not pinned (they are advice by design), but
// secrets kept elsewhere must never be errors: bjw-s-labs__home-ops has 40 ExternalSecrets and
// Secrets whose values are 1Password references (`op://vault/item/field`), and no error at all.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "core/engine/engine.h"
#include "core/source/directory_snapshot.h"
#include "test_paths.h"

namespace pushgate {
namespace {

const std::map<std::string, std::set<std::string>> kExpectedPolicyErrors = {
    {"fluxcd__flux2-kustomize-helm-example", {}},
    {"argoproj__argocd-example-apps", {}},
    {"GoogleCloudPlatform__microservices-demo", {}},
    // ExternalSecrets, and Secrets holding only `op://` 1Password references: nothing in plain
    // text.
    {"bjw-s-labs__home-ops", {}},
    // node-exporter needs the node's network, processes, /sys and / (and SYS_TIME): the baseline
    // Pod Security rules flag exactly that, as they should; kube-router in the e2e kind cluster is
    // a privileged CNI agent. The Secrets carry real plain-text configuration (alertmanager.yaml,
    // grafana.ini, datasources, a basic-auth example).
    {"prometheus-operator__kube-prometheus",
     {
         "examples/basic-auth/secrets.yaml:6:13 secret/plaintext-secret",
         "manifests/alertmanager-secret.yaml:13:22 secret/plaintext-secret",
         "manifests/grafana-config.yaml:12:16 secret/plaintext-secret",
         "manifests/grafana-dashboardDatasources.yaml:12:21 secret/plaintext-secret",
         "manifests/nodeExporter-daemonset.yaml:100:20 k8s/host-network",
         "manifests/nodeExporter-daemonset.yaml:101:16 k8s/host-pid",
         "manifests/nodeExporter-daemonset.yaml:114:17 k8s/host-path",
         "manifests/nodeExporter-daemonset.yaml:117:17 k8s/host-path",
         "manifests/nodeExporter-daemonset.yaml:54:15 k8s/capabilities-added",
         "manifests/nodeExporter-daemonset.yaml:80:21 k8s/host-port",
         "tests/e2e/kind/kube-router.yaml:108:20 k8s/host-network",
         "tests/e2e/kind/kube-router.yaml:119:19 k8s/host-path",
         "tests/e2e/kind/kube-router.yaml:122:19 k8s/host-path",
         "tests/e2e/kind/kube-router.yaml:128:19 k8s/host-path",
         "tests/e2e/kind/kube-router.yaml:131:19 k8s/host-path",
         "tests/e2e/kind/kube-router.yaml:74:25 k8s/privileged",
     }},
    // The catalog's sample Secrets carry plain-text passwords, keystore passwords, htpasswd files,
    // OIDC client secrets and broker configuration with credentials.
    {"redhat-cop__gitops-catalog",
     {
         "amq-broker-operator/instance/components/addresses/broker-address-security-bp.yaml:7:40 "
         "secret/plaintext-secret",
         "amq-broker-operator/instance/components/authentication/certificate/"
         "broker-jaas-config.yaml:7:17 secret/plaintext-secret",
         "amq-broker-operator/instance/components/authentication/guest/"
         "broker-jaas-config.yaml:7:17 secret/plaintext-secret",
         "amq-broker-operator/instance/components/authentication/properties/"
         "broker-jaas-config.yaml:7:17 secret/plaintext-secret",
         "amq-broker-operator/instance/components/certificates/cert-manager/acceptor-ssl-keystore/"
         "acceptor-ssl-keystore.yaml:8:21 secret/plaintext-secret",
         "amq-broker-operator/instance/components/certificates/cert-manager/cluster-ssl-keystore/"
         "cluster-ssl-keystore.yaml:8:21 secret/plaintext-secret",
         "amq-broker-operator/instance/components/certificates/cert-manager/console-ssl-keystore/"
         "console-ssl-keystore.yaml:8:21 secret/plaintext-secret",
         "amq-broker-operator/instance/components/clustering/cross-ocp-cluster/"
         "broker-cluster-configs-bp.yaml:7:42 secret/plaintext-secret",
         "amq-broker-operator/instance/components/clustering/cross-ocp-cluster/"
         "broker-connector-configs-bp.yaml:24:55 secret/plaintext-secret",
         "amq-broker-operator/instance/components/high-availability/ha-cluster/_base/"
         "broker-ha-configs-bp.yaml:7:38 secret/plaintext-secret",
         "amq-broker-operator/instance/components/high-availability/ha-leader-follower/_base/"
         "broker-ha-configs-bp.yaml:7:38 secret/plaintext-secret",
         "amq-broker-operator/instance/components/logging/claim-template/"
         "broker-logging-config.yaml:7:23 secret/plaintext-secret",
         "amq-broker-operator/instance/components/logging/console-only/"
         "broker-logging-config.yaml:7:23 secret/plaintext-secret",
         "amq-broker-operator/instance/components/metrics/broker-internal/jvm/"
         "broker-jvm-metrics-bp.yaml:7:33 secret/plaintext-secret",
         "amq-broker-operator/instance/components/persistence/jdbc/_base/"
         "broker-jdbc-configs-bp.yaml:7:32 secret/plaintext-secret",
         "amq-broker-operator/instance/overlays/clustered-ephemeral-tls-init-container/"
         "keystore-inputs.yaml:7:21 secret/plaintext-secret",
         "crunchy-postgres-operator/instance/overlays/predefined-user-pass-and-db/"
         "default-pguser-dbuser.yaml:11:13 secret/plaintext-secret",
         "jenkins2/overlays/m2-pvc-nexus2-sonarqube8-settings/nexus-secret.yaml:11:13 "
         "secret/plaintext-secret",
         "jenkins2/overlays/nexus2-settings/nexus-secret.yaml:11:13 secret/plaintext-secret",
         "oauth/overlays/htpass-idp/htpass-secret.yaml:10:13 secret/plaintext-secret",
         "oauth/overlays/htpass/htpass-secret.yaml:10:13 secret/plaintext-secret",
         "rhsso/instance/overlays/crc/client-secret.yaml:3:17 secret/plaintext-secret",
         "rhsso/instance/overlays/rhpds/client-secret.yaml:3:17 secret/plaintext-secret",
         "rhsso/rhsso-standalone/base/sso-credential-secret.yaml:10:19 secret/plaintext-secret",
         "rhsso/rhsso-standalone/base/sso-db-secret.yaml:9:22 secret/plaintext-secret",
     }},
};

const std::set<std::string, std::less<>> kWholeTreeRules = {
    "gitops/kustomize-reference", "gitops/kustomize-remote-base",
    "gitops/duplicate-object",    "gitops/helm-chart",
    "gitops/helm-values-schema",  "gitops/argo-source-path",
    "gitops/flux-source-path",    "gitops/argo-project",
    "gitops/argo-destination",    "gitops/argo-applicationset-path",
    "gitops/helm-release-values"};

class PolicyCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(PolicyCorpus, RecommendedProfileFindsOnlyThePinnedErrors) {
  const std::string dir = std::string(PUSHGATE_SHARED_DIR) + "/corpus/" + GetParam();
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << "no shared corpus at " << dir;
  Result<std::unique_ptr<DirectorySnapshot>> snap = DirectorySnapshot::open(dir);
  ASSERT_TRUE(snap) << snap.error().message;
  Config config;  // the default policy: profile recommended, Pod Security baseline
  config.files.max_size = 2 * 1024 * 1024;  // kube-prometheus ships a 1.05 MB dashboards file
  const Engine engine(config);
  CheckRequest request;
  request.snapshot = snap.value().get();
  request.files = snap.value()->entries();
  const CheckOutcome outcome = engine.check(request);
  std::set<std::string> errors;
  for (const Finding& f : outcome.findings) {
    if (f.severity != Severity::kError) continue;
    const std::string family = f.rule.substr(0, f.rule.find('/'));
    if (family != "k8s" && family != "gitops" && family != "secret" && family != "custom") continue;
    // The whole-tree rules pin their corpus findings, each with its reason, in
    // tests/integration/test_gitops_corpus.sh.
    if (kWholeTreeRules.contains(f.rule)) continue;
    errors.insert(f.path + ":" + std::to_string(f.position.line) + ":" +
                  std::to_string(f.position.column) + " " + f.rule);
  }
  EXPECT_EQ(errors, kExpectedPolicyErrors.at(GetParam()));
}

INSTANTIATE_TEST_SUITE_P(SharedCorpus, PolicyCorpus,
                         ::testing::Values("fluxcd__flux2-kustomize-helm-example",
                                           "argoproj__argocd-example-apps",
                                           "GoogleCloudPlatform__microservices-demo",
                                           "bjw-s-labs__home-ops", "redhat-cop__gitops-catalog",
                                           "prometheus-operator__kube-prometheus"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace pushgate
