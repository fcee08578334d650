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
#include "tests/support/corpus_repositories.h"

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
    // The sample Secrets of three examples carry plain-text values (mysql passwords, a `PATH`):
    // genuine, SOURCES.md lists them as example values in plain text.
    {"kubernetes-sigs__kustomize-examples",
     {
         "examples/mySql/secret.yaml:9:13 secret/plaintext-secret",
         "examples/transformerconfigs/crd/resources.yaml:6:9 secret/plaintext-secret",
         "examples/wordpress/mysql/secret.yaml:8:13 secret/plaintext-secret",
     }},
    // The VolSync wipe Job template (applied by a task, by hand) runs privileged: genuine, the
    // Pod Security baseline forbids it wherever it is applied.
    {"haraldkoch__kochhaus-home",
     {
         ".taskfiles/VolSync/templates/wipe.tmpl.yaml:25:25 k8s/privileged",
     }},
    // Genuine: the Cilium CNI install (talos/cni/install.yaml) is a privileged node agent (host
    // network, host paths, NET_ADMIN/SYS_ADMIN, spc_t, unconfined AppArmor); rook-direct-mount,
    // the kopia jobs and the hack/ disk-wipe and restore pods run privileged with host access.
    {"toboshii__home-ops",
     {
         "cluster/apps/default/kopia/maintenance/cron-job.yaml:58:29 k8s/privileged",
         "cluster/apps/default/kopia/sync/cron-job.yaml:60:29 k8s/privileged",
         "cluster/core/rook-ceph/rook-direct-mount/deployment.yaml:39:25 k8s/privileged",
         "cluster/core/rook-ceph/rook-direct-mount/deployment.yaml:54:20 k8s/host-network",
         "cluster/core/rook-ceph/rook-direct-mount/deployment.yaml:58:19 k8s/host-path",
         "cluster/core/rook-ceph/rook-direct-mount/deployment.yaml:61:19 k8s/host-path",
         "cluster/core/rook-ceph/rook-direct-mount/deployment.yaml:64:19 k8s/host-path",
         "hack/restore-job.yaml:34:25 k8s/privileged",
         "hack/wipe-rook-shell.yaml:16:21 k8s/privileged",
         "hack/wipe-rook.yaml:14:21 k8s/privileged",
         "talos/cni/install.yaml:574:20 k8s/host-network",
         "talos/cni/install.yaml:610:70 k8s/apparmor-unconfined",
         "talos/cni/install.yaml:611:76 k8s/apparmor-unconfined",
         "talos/cni/install.yaml:708:15 k8s/capabilities-added",
         "talos/cni/install.yaml:709:15 k8s/capabilities-added",
         "talos/cni/install.yaml:710:15 k8s/capabilities-added",
         "talos/cni/install.yaml:711:15 k8s/capabilities-added",
         "talos/cni/install.yaml:712:15 k8s/capabilities-added",
         "talos/cni/install.yaml:721:19 k8s/selinux-options",
         "talos/cni/install.yaml:759:20 k8s/host-network",
         "talos/cni/install.yaml:796:23 k8s/privileged",
         "talos/cni/install.yaml:831:15 k8s/capabilities-added",
         "talos/cni/install.yaml:832:15 k8s/capabilities-added",
         "talos/cni/install.yaml:833:15 k8s/capabilities-added",
         "talos/cni/install.yaml:838:19 k8s/selinux-options",
         "talos/cni/install.yaml:863:19 k8s/selinux-options",
         "talos/cni/install.yaml:881:17 k8s/host-path",
         "talos/cni/install.yaml:885:17 k8s/host-path",
         "talos/cni/install.yaml:889:17 k8s/host-path",
         "talos/cni/install.yaml:893:17 k8s/host-path",
         "talos/cni/install.yaml:897:17 k8s/host-path",
         "talos/cni/install.yaml:901:17 k8s/host-path",
         "talos/cni/install.yaml:904:17 k8s/host-path",
         "talos/cni/install.yaml:913:17 k8s/host-path",
         "talos/cni/install.yaml:917:17 k8s/host-path",
     }},
    {"fluxcd__flux2-hub-spoke-example", {}},
    {"fluxcd__flux2-monitoring-example", {}},
    // The Argo CD cluster Secret for the local cluster is plain text (no credentials, as its
    // comment says); genuine for a plaintext-Secret policy (SOURCES.md).
    {"redhat-appstudio__infra-deployments-argo-cd-apps",
     {
         "argo-cd-apps/base/local-cluster-secret/base/local-cluster-secret.yaml:16:11 "
         "secret/plaintext-secret",
     }},
};

const std::set<std::string, std::less<>> kWholeTreeRules = {
    "gitops/kustomize-reference", "gitops/kustomize-remote-base",
    "gitops/duplicate-object",    "gitops/helm-chart",
    "gitops/helm-values-schema",  "gitops/argo-source-path",
    "gitops/flux-source-path",    "gitops/argo-project",
    "gitops/argo-destination",    "gitops/argo-applicationset-path",
    "gitops/helm-release-values", "gitops/flux-source-ref",
    "gitops/flux-depends-on"};

class PolicyCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(PolicyCorpus, RecommendedProfileFindsOnlyThePinnedErrors) {
  const std::string dir = std::string(PUSHGATE_SHARED_DIR) + "/corpus/" + GetParam();
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << "no shared corpus at " << dir;
  Result<std::unique_ptr<DirectorySnapshot>> snap = DirectorySnapshot::open(dir);
  ASSERT_TRUE(snap) << snap.error().message;
  Config config;  // the default policy: profile recommended, Pod Security baseline
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

TEST(PolicyCorpusCoverage, PinsEveryRepositoryOfTheCorpus) {
  EXPECT_EQ(testing::corpus_folders(), testing::corpus_repositories());
  for (const std::string& repository : testing::corpus_repositories()) {
    EXPECT_TRUE(kExpectedPolicyErrors.contains(repository)) << repository << " has no pinned list";
  }
}

INSTANTIATE_TEST_SUITE_P(SharedCorpus, PolicyCorpus,
                         ::testing::ValuesIn(testing::corpus_repositories()),
                         testing::corpus_test_name);

}  // namespace
}  // namespace pushgate
