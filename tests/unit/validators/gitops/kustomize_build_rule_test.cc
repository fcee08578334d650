#include "validators/gitops/kustomize_build_rule.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "core/config/config.h"
#include "core/process/scratch_dir.h"
#include "tests/support/memory_snapshot.h"

namespace pushgate {
namespace {

using testing::check_change;
using testing::check_change_findings;
using testing::check_tree;
using testing::check_tree_findings;
using testing::MemorySnapshot;
using Strings = std::vector<std::string>;

constexpr const char* kRule = "gitops/kustomize-build";

// These tests drive the real kustomize (kubectl's, here); they skip where there is none.
bool have_kustomize() {
  return find_kustomize("").has_value();
}

Config enabled(const std::string& extra_yaml = "") {
  ConfigLoad load = load_config_text(
      "p.yaml",
      "version: 1\npolicies:\n  rules:\n    gitops/kustomize-build: error\n" + extra_yaml);
  EXPECT_TRUE(load.config) << (load.findings.empty() ? "" : load.findings[0].message);
  return load.config ? *load.config : Config{};
}

const std::string kBase = "resources: [web.yaml]\n";
std::string web(const std::string& image = "nginx:1.25") {
  return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {app: web}\n"
         "spec:\n  replicas: 1\n  selector: {matchLabels: {app: web}}\n  template:\n"
         "    metadata: {labels: {app: web}}\n    spec:\n      containers:\n"
         "      - {name: web, image: \"" +
         image + "\"}\n";
}
const std::string kOverlay = "namespace: prod\nnamePrefix: p-\nresources: [../base]\n";
const std::string kLatest = kOverlay + "images:\n- {name: nginx, newTag: latest}\n";

std::map<std::string, std::string> repo(const std::string& overlay,
                                        const std::string& image = "nginx:1.25") {
  return {{"apps/base/kustomization.yaml", kBase},
          {"apps/base/web.yaml", web(image)},
          {"apps/prod/kustomization.yaml", overlay},
          {"README.md", "fleet\n"}};
}

TEST(KustomizeBuildRule, IsOptIn) {
  const MemorySnapshot tree(repo("resources: [../missing]\n"));
  EXPECT_EQ(check_tree(tree, {}, {}, kRule), Strings{});
}

TEST(KustomizeBuildRule, ReportsABuildThatFailsAtTheKustomization) {
  if (!have_kustomize()) GTEST_SKIP() << "no kustomize or kubectl binary on this machine";
  const MemorySnapshot tree(
      repo(kOverlay + "patches:\n- target: {kind: Deployment}\n  patch: |-\n"
                      "    - {op: replace, path: /spec/strategy/type, value: Recreate}\n"));
  const FindingList found = check_tree_findings(tree, {}, {}, kRule, enabled());
  ASSERT_EQ(testing::describe_findings(found),
            Strings{"apps/prod/kustomization.yaml:1:1 gitops/kustomize-build"});
  EXPECT_EQ(found[0].severity, Severity::kError);
  EXPECT_NE(found[0].message.find("`kustomize build apps/prod` fails: "), std::string::npos)
      << found[0].message;
  EXPECT_EQ(found[0].message.find("/tmp/"), std::string::npos) << found[0].message;
}

TEST(KustomizeBuildRule, ReportsWhatATransformationIntroducedAtTheKustomization) {
  if (!have_kustomize()) GTEST_SKIP() << "no kustomize or kubectl binary on this machine";
  // A patch sets the image: pushgate's model does not compute patched values, the build does.
  const MemorySnapshot tree(
      repo(kOverlay + "patches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n"
                      "    metadata: {name: web}\n    spec:\n      template:\n        spec:\n"
                      "          containers: [{name: web, image: \"nginx:latest\"}]\n"));
  const FindingList found = check_tree_findings(tree, {}, {}, "k8s/image-latest", enabled());
  ASSERT_EQ(testing::describe_findings(found),
            Strings{"apps/prod/kustomization.yaml:1:1 k8s/image-latest"});
  EXPECT_NE(found[0].message.find("`kustomize build apps/prod`: Deployment prod/p-web (from "
                                  "apps/base/web.yaml:1:1): "),
            std::string::npos)
      << found[0].message;
  EXPECT_EQ(found[0].object, "apps/v1/Deployment/prod/p-web");
  EXPECT_EQ(found[0].json_path, "spec.template.spec.containers[0].image");
  // Without the rule nothing sees the patched value.
  EXPECT_EQ(check_tree(tree, {}, {}, "k8s/image-latest"), Strings{});
}

// One finding for one defect (issue 13): a value an `images` or `replicas` entry sets is judged
// by the image and replica rules as applied, at that entry; the build does not report it again.
TEST(KustomizeBuildRule, LeavesWhatAnImagesOrReplicasEntrySetsToTheRulesAtTheEntry) {
  if (!have_kustomize()) GTEST_SKIP() << "no kustomize or kubectl binary on this machine";
  const MemorySnapshot tree(repo(kLatest));
  const FindingList found = check_tree_findings(tree, {}, {}, "k8s/image-latest", enabled());
  ASSERT_EQ(testing::describe_findings(found),
            Strings{"apps/prod/kustomization.yaml:5:3 k8s/image-latest"});
  EXPECT_NE(found[0].message.find("this `images` entry sets it for Deployment web in "
                                  "apps/base/web.yaml"),
            std::string::npos)
      << found[0].message;
  // The same without the build: nothing is lost by leaving it out.
  EXPECT_EQ(check_tree(tree, {}, {}, "k8s/image-latest"),
            Strings{"apps/prod/kustomization.yaml:5:3 k8s/image-latest"});

  // replicas: the base runs 3, the overlay's entry sets 1.
  std::map<std::string, std::string> files =
      repo(kOverlay + "replicas:\n- {name: web, count: 1}\n");
  std::string base = web();
  base.replace(base.find("replicas: 1"), 11, "replicas: 3");
  files["apps/base/web.yaml"] = base;
  const Config replicas = enabled("    k8s/replicas-minimum: error\n");
  EXPECT_EQ(check_tree(MemorySnapshot(files), {}, {}, "k8s/replicas-minimum", replicas),
            Strings{"apps/prod/kustomization.yaml:5:3 k8s/replicas-minimum"});
}

TEST(KustomizeBuildRule, LeavesTheSourceFilesOwnFindingsToThem) {
  if (!have_kustomize()) GTEST_SKIP() << "no kustomize or kubectl binary on this machine";
  const MemorySnapshot tree(repo(kOverlay, "nginx:latest"));
  EXPECT_EQ(check_tree(tree, {}, {}, "k8s/image-latest", enabled()),
            Strings{"apps/base/web.yaml:13:28 k8s/image-latest"});
}

TEST(KustomizeBuildRule, PointsAtTheSourceWhenTheValueIsAsWritten) {
  if (!have_kustomize()) GTEST_SKIP() << "no kustomize or kubectl binary on this machine";
  // Judged only in namespace prod, which the overlay sets: the value is the base's, unchanged.
  const Config config = enabled(
      "  custom:\n  - id: prod-replicas\n    message: \"{{path}} must be at least 2 in prod\"\n"
      "    match: {namespaces: [prod], kinds: [Deployment]}\n"
      "    assert:\n    - {path: spec.replicas, in: [2, 3, 4]}\n");
  const MemorySnapshot tree(repo(kOverlay));
  const FindingList found = check_tree_findings(tree, {}, {}, "custom/", config);
  ASSERT_EQ(testing::describe_findings(found),
            Strings{"apps/base/web.yaml:7:13 custom/prod-replicas"});
  EXPECT_NE(found[0].message.find("`kustomize build apps/prod`: Deployment prod/p-web"),
            std::string::npos)
      << found[0].message;
}

TEST(KustomizeBuildRule, APushReportsWhatItBrokeNotWhatWasBrokenBefore) {
  if (!have_kustomize()) GTEST_SKIP() << "no kustomize or kubectl binary on this machine";
  const MemorySnapshot clean(repo(kOverlay));
  const MemorySnapshot broken(repo(kLatest));
  // One finding, at the `images` entry (the build leaves it to k8s/image-latest).
  EXPECT_EQ(check_change(clean, broken, "k8s/image-latest", enabled()),
            Strings{"apps/prod/kustomization.yaml:5:3 k8s/image-latest"});
  // Already broken; the push only edits the base in an unrelated place.
  std::map<std::string, std::string> touched = repo(kLatest);
  touched["apps/base/web.yaml"] = web() + "  minReadySeconds: 5\n";
  // The build reports nothing; k8s/image-latest judges the changed base file as applied, as any
  // per-file rule reports what its changed file holds.
  EXPECT_EQ(check_change(broken, MemorySnapshot(touched), "k8s/image-latest", enabled()),
            Strings{"apps/prod/kustomization.yaml:5:3 k8s/image-latest"});
  // A push outside every kustomization builds nothing.
  std::map<std::string, std::string> readme = repo(kLatest);
  readme["README.md"] = "fleet, now documented\n";
  EXPECT_EQ(check_change(broken, MemorySnapshot(readme), "", enabled()), Strings{});
}

TEST(KustomizeBuildRule, AFailureThatWasThereBeforeIsReportedOnlyWhenItsFileChanges) {
  if (!have_kustomize()) GTEST_SKIP() << "no kustomize or kubectl binary on this machine";
  const std::string failing = kOverlay +
                              "patches:\n- target: {kind: Deployment}\n  patch: |-\n"
                              "    - {op: replace, path: /spec/strategy/type, value: Recreate}\n";
  const MemorySnapshot before(repo(failing));
  std::map<std::string, std::string> base_edit = repo(failing);
  base_edit["apps/base/web.yaml"] = web() + "  minReadySeconds: 5\n";
  EXPECT_EQ(check_change(before, MemorySnapshot(base_edit), kRule, enabled()), Strings{});
  std::map<std::string, std::string> overlay_edit = repo(failing + "commonLabels: {tier: web}\n");
  EXPECT_EQ(check_change(before, MemorySnapshot(overlay_edit), kRule, enabled()),
            Strings{"apps/prod/kustomization.yaml:1:1 gitops/kustomize-build"});
}

TEST(KustomizeBuildRule, BuildsNeitherBasesAloneNorComponents) {
  if (!have_kustomize()) GTEST_SKIP() << "no kustomize or kubectl binary on this machine";
  // The base alone has no namespace (fine), and the component cannot build alone.
  std::map<std::string, std::string> files = repo(kOverlay + "components: [../component]\n");
  files["apps/component/kustomization.yaml"] =
      "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncommonLabels: {c: x}\n";
  EXPECT_EQ(check_tree(MemorySnapshot(files), {}, {}, kRule, enabled()), Strings{});
}

TEST(KustomizeBuildRule, DoesNotBuildWhatItWouldHaveToFetchOrInflate) {
  std::map<std::string, std::string> files = repo(kOverlay);
  files["apps/prod/kustomization.yaml"] =
      "resources: [../base, \"github.com/org/repo//deploy?ref=v1\"]\n";
  files["helm/kustomization.yaml"] =
      "helmCharts:\n- {name: web, repo: https://charts.example.com, version: 1.0.0}\n";
  if (!have_kustomize()) GTEST_SKIP() << "no kustomize or kubectl binary on this machine";
  const FindingList found =
      check_tree_findings(MemorySnapshot(files), {}, {}, "gitops/kustomize-not-built", enabled());
  ASSERT_EQ(testing::describe_findings(found),
            (Strings{"apps/prod/kustomization.yaml:1:1 gitops/kustomize-not-built",
                     "helm/kustomization.yaml:1:1 gitops/kustomize-not-built"}));
  EXPECT_EQ(found[0].severity, Severity::kInfo);
  EXPECT_NE(found[0].message.find("remote base"), std::string::npos) << found[0].message;
  EXPECT_NE(found[1].message.find("pushgate runs no Helm"), std::string::npos) << found[1].message;
}

TEST(KustomizeBuildRule, SaysSoWhenThereIsNoBinaryOrTheOptionIsNotAbsolute) {
  const MemorySnapshot tree(repo(kLatest));
  Config missing = enabled();
  missing.policies.rules[kRule].options.values["kustomize"] = "/nonexistent/kustomize";
  const FindingList none = check_tree_findings(tree, {}, {}, "gitops/kustomize-not-built", missing);
  ASSERT_EQ(testing::describe_findings(none),
            Strings{"apps/prod/kustomization.yaml:1:1 gitops/kustomize-not-built"});
  EXPECT_EQ(none[0].severity, Severity::kWarning);  // the rule's `error` does not apply
  EXPECT_NE(none[0].message.find("no kustomize or kubectl binary at /nonexistent/kustomize"),
            std::string::npos)
      << none[0].message;
  Config relative = enabled();
  relative.policies.rules[kRule].options.values["kustomize"] = "kustomize";
  const FindingList bad = check_tree_findings(tree, {}, {}, kRule, relative);
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_NE(bad[0].message.find("must be an absolute path"), std::string::npos);
}

// A stand-in kustomize (the test's own script) in a scratch folder, set as the rule's binary.
class StandInConfig {
 public:
  StandInConfig(const std::string& script, const std::string& options_yaml = "")
      : dir_("test"), config_(enabled(options_yaml)) {
    const std::string program = dir_.path() + "/kustomize";
    EXPECT_TRUE(write_private_file(program, "#!/bin/sh\n" + script));
    ::chmod(program.c_str(), 0700);
    config_.policies.rules[kRule].options.values["kustomize"] = program;
  }
  const Config& config() const { return config_; }

 private:
  ScratchDir dir_;
  Config config_;
};

TEST(KustomizeBuildRule, AProgramTooOldForOriginsIsOneWarningNotARejection) {
  // Answers as kustomize 3 does to the wrapper.
  const StandInConfig stand_in("echo 'Error: json: unknown field \"buildMetadata\"' >&2\nexit 1\n");
  std::map<std::string, std::string> files = repo(kLatest);
  files["other/kustomization.yaml"] = "resources: []\n";
  const FindingList found =
      check_tree_findings(MemorySnapshot(files), {}, {}, "gitops/", stand_in.config());
  ASSERT_EQ(testing::describe_findings(found),
            Strings{"apps/prod/kustomization.yaml:1:1 gitops/kustomize-not-built"});
  EXPECT_EQ(found[0].severity, Severity::kWarning);
  EXPECT_NE(found[0].message.find("has no origin annotations"), std::string::npos);
}

TEST(KustomizeBuildRule, BuildsBeyondTheRunsLimitsAreErrorsNotSilence) {
  std::map<std::string, std::string> files = repo(kOverlay);
  files["other/kustomization.yaml"] = "resources: []\n";
  files["third/kustomization.yaml"] = "resources: []\n";
  // One build allowed: the second affected kustomization is an error (fail closed).
  const StandInConfig empty_output("exit 0\n");
  Config limited = empty_output.config();
  limited.policies.rules[kRule].options.values["max_kustomizations"] = std::int64_t{1};
  const FindingList over = check_tree_findings(MemorySnapshot(files), {}, {}, kRule, limited);
  ASSERT_EQ(testing::describe_findings(over),
            Strings{"other/kustomization.yaml:1:1 gitops/kustomize-build"});
  EXPECT_NE(over[0].message.find("more than 1 kustomizations"), std::string::npos);
  // A build that hangs uses up the run's budget: it times out, and the rest are not started.
  const StandInConfig hangs("/bin/sleep 30\n");
  Config slow = hangs.config();
  slow.policies.rules[kRule].options.values["timeout_seconds"] = std::int64_t{1};
  const FindingList spent = check_tree_findings(MemorySnapshot(files), {}, {}, kRule, slow);
  ASSERT_EQ(testing::describe_findings(spent),
            (Strings{"apps/prod/kustomization.yaml:1:1 gitops/kustomize-build",
                     "other/kustomization.yaml:1:1 gitops/kustomize-build",
                     "third/kustomization.yaml:1:1 gitops/kustomize-build"}));
  EXPECT_NE(spent[0].message.find("did not finish within"), std::string::npos) << spent[0].message;
  EXPECT_NE(spent[1].message.find("are spent"), std::string::npos) << spent[1].message;
}

}  // namespace
}  // namespace pushgate
