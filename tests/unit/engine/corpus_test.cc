// Every repository in ../shared/corpus is real, public GitOps content: whatever Go's YAML reader
// accepts must be accepted as well-formed. The only errors expected are the genuinely broken files that
// ../shared/corpus/SOURCES.md lists, each with its reason.
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

const std::map<std::string, std::set<std::string>> kExpectedErrors = {
    {"fluxcd__flux2-kustomize-helm-example", {}},
    // kustomize-guestbook/guestbook-ui-svc.yaml has a trailing tab after `apiVersion: v1`:
    // PyYAML rejects it, Go accepts it, so must we.
    {"argoproj__argocd-example-apps", {}},
    {"GoogleCloudPlatform__microservices-demo", {}},
    // .vscode/settings.json is JSON-with-comments (an editor file): read as JSONC, it is fine.
    {"bjw-s-labs__home-ops", {}},
    {"redhat-cop__gitops-catalog", {}},
    // examples/alertmanager-config-with-template.yaml embeds Go templates with broken
    // indentation; both PyYAML and Go's YAML reader fail on it.
    {"prometheus-operator__kube-prometheus",
     {"examples/alertmanager-config-with-template.yaml:21:9 yaml/syntax"}},
    {"kubernetes-sigs__kustomize-examples", {}},
    // .vscode/settings.json is JSONC (read as such); the duplicate anchor `&key` and
    // `matchType: =` are Go-YAML valid and pass.
    {"haraldkoch__kochhaus-home", {}},
    // The duplicate `&host` anchors and mkdocs.yml's Python tag are Go-YAML valid and pass.
    {"toboshii__home-ops", {}},
    {"fluxcd__flux2-hub-spoke-example", {}},
    {"fluxcd__flux2-monitoring-example", {}},
    {"redhat-appstudio__infra-deployments-argo-cd-apps", {}},
};

class Corpus : public ::testing::TestWithParam<std::string> {};

TEST_P(Corpus, AcceptsEverythingGoAccepts) {
  const std::string dir = std::string(PUSHGATE_SHARED_DIR) + "/corpus/" + GetParam();
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << "no shared corpus at " << dir;
  Result<std::unique_ptr<DirectorySnapshot>> snap = DirectorySnapshot::open(dir);
  ASSERT_TRUE(snap) << snap.error().message;
  Config config;
  const Engine engine(config);
  CheckRequest request;
  request.snapshot = snap.value().get();
  request.files = snap.value()->entries();
  const CheckOutcome outcome = engine.check(request);
  std::set<std::string> errors;
  for (const Finding& f : outcome.findings) {
    // Well-formedness only: policy and schema families have corpus tests of their own.
    if (f.severity != Severity::kError) continue;
    if (!f.rule.starts_with("yaml/") && !f.rule.starts_with("json/")) continue;
    errors.insert(f.path + ":" + std::to_string(f.position.line) + ":" +
                  std::to_string(f.position.column) + " " + f.rule);
  }
  EXPECT_EQ(errors, kExpectedErrors.at(GetParam()));
  EXPECT_GT(outcome.stats.documents, 0u);
}

TEST(CorpusCoverage, PinsEveryRepositoryOfTheCorpus) {
  EXPECT_EQ(testing::corpus_folders(), testing::corpus_repositories());
  for (const std::string& repository : testing::corpus_repositories()) {
    EXPECT_TRUE(kExpectedErrors.contains(repository)) << repository << " has no pinned list";
  }
}

INSTANTIATE_TEST_SUITE_P(SharedCorpus, Corpus,
                         ::testing::ValuesIn(testing::corpus_repositories()),
                         testing::corpus_test_name);

}  // namespace
}  // namespace pushgate
