// Every repository in ../shared/corpus (all twelve: the walk takes the whole folder) through the Kubernetes schema validator, with a store
// imported from the real 1.35 OpenAPI documents and the real Flux v2.9.0 / Argo CD v3.5.1 CRDs:
// the only schema errors are the real ones below, each with its reason.
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <filesystem>

#include "core/schema_store/schema_importer.h"
#include "tests/support/temp_repo.h"
#include "validators/schema/kubernetes_schema_validator.h"
#include "test_paths.h"

namespace pushgate {
namespace {

using testing::read_file;
using testing::TempDir;

struct ExpectedError {
  std::string where;  // path:line:col below the corpus folder
  std::string rule;
  std::string reason;
};

const ExpectedError kExpected[] = {
    // ../shared/corpus/SOURCES.md: FluxInstance is not an event source kind in Flux v2.9.0.
    {"bjw-s-labs__home-ops/kubernetes/components/flux-alerts/alert.yaml:12:13", "schema/enum",
     "eventSources kind FluxInstance is not in the v2.9.0 Alert enum"},
    // `ports` indented under securityContext instead of the container: silently dropped.
    {"redhat-cop__gitops-catalog/1password-connect/connect/base/deployment.yaml:27:13",
     "schema/additional-property", "containers[0].securityContext has a `ports` key"},
    // Labels written directly under metadata instead of metadata.labels.
    {"redhat-cop__gitops-catalog/1password-connect/operator/base/scc.yaml:5:3",
     "schema/additional-property", "metadata.app.kubernetes.io/name instead of metadata.labels"},
    {"redhat-cop__gitops-catalog/1password-connect/operator/base/scc.yaml:6:3",
     "schema/additional-property",
     "metadata.app.kubernetes.io/component instead of metadata.labels"},
    // FluxInstance is not an event source kind in the Flux v2.9.0 Alert enum (as in bjw-s).
    {"haraldkoch__kochhaus-home/kubernetes/main/components/common/alerts/alertmanager/"
     "alert.yaml:14:13",
     "schema/enum", "eventSources kind FluxInstance is not in the v2.9.0 Alert enum"},
    {"haraldkoch__kochhaus-home/kubernetes/network/components/common/alerts/alertmanager/"
     "alert.yaml:14:13",
     "schema/enum", "eventSources kind FluxInstance is not in the v2.9.0 Alert enum"},
    // An empty `podAffinity:` straight under the pod spec (it belongs under `affinity`).
    {"haraldkoch__kochhaus-home/.archive/kubernetes/apps/drone/drone/drone-runner/"
     "deployment.yaml:40:7",
     "schema/additional-property", "podAffinity directly under the pod spec"},
    // SOURCES.md: validationTransformer/invalid.yaml is deliberately invalid (data is a list).
    {"kubernetes-sigs__kustomize-examples/examples/validationTransformer/invalid.yaml:6:1",
     "schema/type", "ConfigMap data is a list"},
    // preserveResourcesOnDeletion belongs to the ApplicationSet's spec.syncPolicy, not to the
    // generated Application's syncPolicy: the API server prunes it there.
    {"redhat-appstudio__infra-deployments-argo-cd-apps/argo-cd-apps/base/member/"
     "infra-deployments/konflux-verifications-rd/konflux-verifications-rd.yaml:34:9",
     "schema/additional-property", "preserveResourcesOnDeletion in the template's syncPolicy"},
    {"redhat-appstudio__infra-deployments-argo-cd-apps/argo-cd-apps/base/member/"
     "infra-deployments/kueue/kueue.yaml:55:9",
     "schema/additional-property", "preserveResourcesOnDeletion in the template's syncPolicy"},
    {"redhat-appstudio__infra-deployments-argo-cd-apps/argo-cd-apps/overlays/rd-dev/patches/"
     "dev-application-sync-wave-disaster-recovery.yaml:4:1",
     "schema/required",
     "false positive, class 1 of issue 13, to be removed: a strategic-merge patch, not an object"},
    {"redhat-appstudio__infra-deployments-argo-cd-apps/argo-cd-apps/overlays/rd-dev/patches/"
     "dev-application-sync-wave-kueue.yaml:1:1",
     "schema/required",
     "false positive, class 1 of issue 13, to be removed: a strategic-merge patch, not an object"},
    {"redhat-appstudio__infra-deployments-argo-cd-apps/argo-cd-apps/overlays/rd-dev/patches/"
     "dev-application-sync-wave-kyverno.yaml:1:1",
     "schema/required",
     "false positive, class 1 of issue 13, to be removed: a strategic-merge patch, not an object"},
    {"redhat-appstudio__infra-deployments-argo-cd-apps/argo-cd-apps/overlays/rd-dev/patches/"
     "dev-application-sync-wave-pipeline-service.yaml:1:1",
     "schema/required",
     "false positive, class 1 of issue 13, to be removed: a strategic-merge patch, not an object"},
    {"redhat-appstudio__infra-deployments-argo-cd-apps/argo-cd-apps/overlays/rd-dev/patches/"
     "dev-application-sync-wave-policies.yaml:6:1",
     "schema/required",
     "false positive, class 1 of issue 13, to be removed: a strategic-merge patch, not an object"},
    {"haraldkoch__kochhaus-home/.archive/kubernetes/apps/ci/woodpecker/secret.sops.yaml:14:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/.archive/kubernetes/apps/default/bind/primary/secret.sops.yaml:10:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/.archive/kubernetes/apps/default/bind/primary/secret.sops.yaml:47:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/.archive/kubernetes/apps/default/bind/secondary/secret.sops.yaml:9:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/.archive/kubernetes/apps/default/bookstack/secret.sops.yaml:12:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/.archive/kubernetes/apps/default/olivetin/app/secret.sops.yaml:13:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/.archive/kubernetes/apps/drone/drone/secret.sops.yaml:13:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/.archive/kubernetes/apps/home/emqx/app/secret.sops.yaml:19:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/.archive/kubernetes/apps/kube-system/democratic-csi/iscsi/secret.sops.yaml:9:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/.archive/kubernetes/apps/kube-system/democratic-csi/nfs/secret.sops.yaml:9:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/.archive/kubernetes/apps/media/navidrome/app/secret.sops.yaml:9:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/.archive/kubernetes/apps/security/authentik/secrets.sops.yaml:11:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/.archive/kubernetes/apps/storage/minio/app/secret.sops.yaml:10:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/.archive/kubernetes/apps/storage/minio/app/secret.sops.yaml:38:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/bootstrap/main/age-key.sops.yaml:7:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/bootstrap/network/age-key.sops.yaml:7:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/bootstrap/registry/age-key.sops.yaml:7:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/kubernetes/apps/base/default/opnsense-backup/secret.sops.yaml:10:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/kubernetes/apps/base/default/static-web/secret.sops.yaml:10:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/kubernetes/apps/base/observability/dnssec-exporter/secret.sops.yaml:9:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/kubernetes/apps/base/observability/smokeping/secret.sops.yaml:14:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/kubernetes/apps/base/remote/openssh/secret.sops.yaml:21:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/kubernetes/apps/base/security/onepassword/secret.sops.yaml:8:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/kubernetes/main/apps/downloads/linode-backup/app/secret.sops.yaml:10:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/kubernetes/main/apps/observability/gatus/app/secrets.sops.yaml:9:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/kubernetes/main/apps/vpn/downloads-gateway/app/secret.sops.yaml:9:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/kubernetes/main/components/common/vars/cluster-secrets.sops.yaml:58:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/kubernetes/network/apps/observability/gatus/app/secrets.sops.yaml:9:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/kubernetes/network/apps/storage/longhorn/app/secret.sops.yaml:12:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/kubernetes/network/components/common/vars/cluster-secrets.sops.yaml:25:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"haraldkoch__kochhaus-home/kubernetes/registry/components/common/vars/cluster-secrets.sops.yaml:14:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/database/cloudnative-pg/secret.sops.yaml:10:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/database/cloudnative-pg/secret.sops.yaml:40:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/default/minio/secret.sops.yaml:10:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/default/minio/secret.sops.yaml:38:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/downloads/lidarr/secret.sops.yaml:10:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/downloads/prowlarr/postgres-secret.sops.yaml:15:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/downloads/prowlarr/secret.sops.yaml:10:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/downloads/radarr-uhd/postgres-secret.sops.yaml:15:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/downloads/radarr-uhd/secret.sops.yaml:11:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/downloads/radarr/postgres-secret.sops.yaml:15:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/downloads/radarr/secret.sops.yaml:11:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/downloads/recyclarr/secret.sops.yaml:13:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/downloads/sabnzbd/secret.sops.yaml:11:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/downloads/sonarr-uhd/secret.sops.yaml:11:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/downloads/sonarr/secret.sops.yaml:11:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/ext-gateway/secret.sops.yaml:9:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/flux-system/notifications/discord/secret.sops.yaml:9:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/flux-system/notifications/github/secret.sops.yaml:9:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/flux-system/webhook/github/secret.sops.yaml:9:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/mail/mailu/secret.sops.yaml:9:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/media/szurubooru/postgres-secret.sops.yaml:14:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/monitoring/grafana/secret.sops.yaml:10:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/monitoring/uptimerobot-heartbeat/secret.sops.yaml:9:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/networking/external-dns/secret.sops.yaml:11:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/security/authelia-redis/secret.sops.yaml:10:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/security/authelia/postgres-secret.sops.yaml:13:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/security/authelia/secret.sops.yaml:18:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/security/vaultwarden/postgres-secret.sops.yaml:13:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/apps/vpn-gateway/secret.sops.yaml:9:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/config/cluster-secrets.sops.yaml:48:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
    {"toboshii__home-ops/cluster/core/cluster-issuers/secret.sops.yaml:9:1", "schema/additional-property",
     "false positive, class 5 of issue 13, to be removed: the `sops` key of a SOPS document"},
};

TEST(KubernetesSchemaCorpus, OnlyTheKnownRealErrors) {
  const std::string shared = PUSHGATE_SHARED_DIR;
  TempDir store;
  for (const std::string& source :
       {shared + "/kubernetes/openapi/v1.35/v3", shared + "/crds/flux-v2.9.0",
        shared + "/crds/argo-cd-v3.5.1"}) {
    Result<ImportReport> report = import_schemas(source, {store.path(), {}});
    ASSERT_TRUE(report) << report.error().message;
  }
  const std::string corpus = shared + "/corpus";
  std::deque<std::string> texts;
  std::deque<ParsedFile> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
    const std::string path = entry.path().string();
    if (!entry.is_regular_file() || !(path.ends_with(".yaml") || path.ends_with(".yml"))) continue;
    // Helm templates are not YAML until rendered; the engine skips them (yaml/template-skipped).
    if (path.find("/templates/") != std::string::npos) continue;
    texts.push_back(read_file(path));
    files.push_back(parse_yaml(path.substr(corpus.size() + 1), texts.back(), ParseLimits{}));
  }
  std::vector<FileContext> contexts;
  for (std::size_t i = 0; i < files.size(); ++i) contexts.push_back({files[i], texts[i]});
  KubernetesConfig config;
  config.version = KubernetesVersion{1, 35};
  config.schemas = {store.path()};
  FindingList out;
  KubernetesSchemaValidator(config, "pushgate.yaml")
      .check_run(RunContext{contexts, "", "", "", ""}, out);

  std::vector<std::string> errors;
  std::size_t unknown = 0;
  for (const Finding& f : out) {
    if (f.rule == "schema/unknown-kind") {
      ++unknown;
      EXPECT_EQ(f.severity, Severity::kWarning);
      continue;
    }
    errors.push_back(f.path + ":" + std::to_string(f.position.line) + ":" +
                     std::to_string(f.position.column) + " " + f.rule + " " + f.message);
  }
  std::sort(errors.begin(), errors.end());
  std::vector<const ExpectedError*> expected;
  for (const ExpectedError& e : kExpected) expected.push_back(&e);
  std::sort(expected.begin(), expected.end(), [](const ExpectedError* a, const ExpectedError* b) {
    return a->where + " " + a->rule < b->where + " " + b->rule;
  });
  ASSERT_EQ(errors.size(), expected.size()) << ::testing::PrintToString(errors);
  for (std::size_t i = 0; i < errors.size(); ++i) {
    EXPECT_EQ(errors[i].rfind(expected[i]->where + " " + expected[i]->rule + " ", 0), 0u)
        << errors[i] << "\nexpected: " << expected[i]->where << " (" << expected[i]->reason << ")";
  }
  // OpenShift, OLM, cert-manager, external-secrets, ... have no CRD here: warned, not validated.
  EXPECT_GT(unknown, 100u);
}

}  // namespace
}  // namespace pushgate
