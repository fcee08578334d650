// Every repository in ../shared/corpus through the Kubernetes schema validator, with a store
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
  ASSERT_EQ(errors.size(), std::size(kExpected)) << ::testing::PrintToString(errors);
  for (std::size_t i = 0; i < errors.size(); ++i) {
    EXPECT_EQ(errors[i].rfind(kExpected[i].where + " " + kExpected[i].rule + " ", 0), 0u)
        << errors[i] << "\nexpected: " << kExpected[i].where << " (" << kExpected[i].reason << ")";
  }
  // OpenShift, OLM, cert-manager, external-secrets, ... have no CRD here: warned, not validated.
  EXPECT_GT(unknown, 100u);
}

}  // namespace
}  // namespace pushgate
