#include "validators/applied_forms.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/tree/object_index_store.h"
#include "core/tree/tree_view.h"
#include "tests/support/memory_snapshot.h"

namespace pushgate {
namespace {

using testing::MemorySnapshot;

std::string deployment(int i, int replicas) {
  return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-" + std::to_string(i) +
         "\n  namespace: team\nspec:\n  replicas: " + std::to_string(replicas) +
         "\n  selector:\n    matchLabels: {app: a" + std::to_string(i) +
         "}\n  template:\n    metadata:\n      labels: {app: a" + std::to_string(i) +
         "}\n    spec:\n      containers:\n        - name: main\n          image: nginx:1.27\n";
}

std::string helm_release(int i) {
  return "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: r" +
         std::to_string(i) +
         "\n  namespace: team\nspec:\n  interval: 30m\n  chart:\n    spec:\n      chart: app\n"
         "      sourceRef: {kind: HelmRepository, name: charts, namespace: flux-system}\n"
         "  values: {replicas: 2}\n";
}

// A Flux Kustomization applying ./apps/a<i>; `extra` goes into its spec.
std::string flux_kustomization(const std::string& name, int i, const std::string& extra = "") {
  return "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: " +
         name + "\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ./apps/a" +
         std::to_string(i) +
         "\n  prune: true\n  sourceRef: {kind: GitRepository, name: flux-system}\n" + extra;
}

constexpr int kApps = 40;

std::map<std::string, std::string> flux_dense_tree() {
  std::map<std::string, std::string> files;
  files["clusters/sources.yaml"] =
      "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n"
      "  name: flux-system\n  namespace: flux-system\nspec: {interval: 1m, url: "
      "https://example.com/fleet.git}\n---\n"
      "apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n"
      "  name: charts\n  namespace: flux-system\nspec: {interval: 1h, url: https://e.com/c}\n";
  for (int i = 0; i < kApps; ++i) {
    const std::string app = "apps/a" + std::to_string(i) + "/";
    files[app + "deploy.yaml"] = deployment(i, 2);
    files[app + "release.yaml"] = helm_release(i);
    files["clusters/ks" + std::to_string(i) + ".yaml"] =
        flux_kustomization("ks" + std::to_string(i), i);
  }
  // The only Flux Kustomization that transforms what it applies.
  files["clusters/shop.yaml"] = flux_kustomization(
      "shop", 0, "  targetNamespace: shop\n  images:\n    - name: nginx\n      newTag: '1.28'\n");
  return files;
}

class AppliedFormsIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() /
        ("pushgate-applied-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string index_path() const { return (dir_ / "object-index").string(); }
  std::string key() const { return ObjectIndexStore::index_key(ParseLimits{}); }

  // The index a hook leaves after a push of `tree`.
  void index(const MemorySnapshot& tree) {
    ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
    const TreeView view(tree, ParseLimits{}, {}, &store);
    (void)view.inventory();
    ASSERT_TRUE(store.save());
  }
  // The push from `base` to `pushed` with the default rules and the index `base` left: its
  // findings (every rule) and how many summarized bodies it decoded.
  std::pair<std::vector<std::string>, std::size_t> push(const MemorySnapshot& base,
                                                        const MemorySnapshot& pushed,
                                                        const Config& config = Config{}) {
    ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
    EXPECT_EQ(store.load_state(), ObjectIndexStore::LoadState::kLoaded);
    const std::size_t before = ObjectBody::decodes();
    const FindingList findings = testing::check_change_findings(base, pushed, "", config, &store);
    return {testing::describe_findings(findings), ObjectBody::decodes() - before};
  }

  std::filesystem::path dir_;
};

// A push of one Deployment into a Flux-dense tree reads every summary from the index, but decodes
// only the body of the one Flux Kustomization that transforms (targetNamespace, images): the
// applied forms (schema/required, selector-mismatch, the image and replica rules) and
// gitops/duplicate-object leave the 80 others undecoded. The findings are those of the same push
// without an index (every summary made from a parse).
TEST_F(AppliedFormsIndexTest, APushDecodesOnlyTheFluxBodiesThatTransform) {
  const std::map<std::string, std::string> files = flux_dense_tree();
  const MemorySnapshot base(files);
  index(base);
  auto edited = files;
  edited["apps/a5/deploy.yaml"] = deployment(5, 3);
  const MemorySnapshot pushed(edited);
  const auto [findings, decoded] = push(base, pushed);
  EXPECT_EQ(decoded, 1u);
  EXPECT_EQ(findings,
            testing::describe_findings(testing::check_change_findings(base, pushed, "", Config{})));
  // The same push under the transforming Kustomization: still that one body.
  edited = files;
  edited["apps/a0/deploy.yaml"] = deployment(0, 3);
  const MemorySnapshot under(edited);
  const auto [findings0, decoded0] = push(base, under);
  EXPECT_EQ(decoded0, 1u);
  EXPECT_EQ(findings0,
            testing::describe_findings(testing::check_change_findings(base, under, "", Config{})));
}

// The counter counts: a push that changes a Flux object has the Flux reference rules judge every
// Flux object of the tree, and their bodies are decoded then.
TEST_F(AppliedFormsIndexTest, APushTouchingAFluxObjectDecodesWhatTheReferenceRulesRead) {
  const std::map<std::string, std::string> files = flux_dense_tree();
  const MemorySnapshot base(files);
  index(base);
  auto edited = files;
  edited["clusters/ks3.yaml"] = flux_kustomization("ks3", 3, "  timeout: 1m\n");
  const MemorySnapshot pushed(edited);
  const auto [findings, decoded] = push(base, pushed);
  // The 40 HelmReleases and the 40 unchanged Kustomizations (ks3 itself was parsed).
  EXPECT_GE(decoded, 2u * kApps);
  EXPECT_EQ(findings,
            testing::describe_findings(testing::check_change_findings(base, pushed, "", Config{})));
}

// Issue 13: the applied forms and values are built once per run. Inside the engine's scope every
// rule (from any thread) gets the same value; a copy of the RunContext, or one with no scope
// open, builds its own, which reads the same as the shared one.
TEST(AppliedRunScope, BuildsOnceForTheRunAndOnlyInsideTheScope) {
  const MemorySnapshot tree(flux_dense_tree());
  const TreeView view(tree, ParseLimits{});
  RunContext run;
  run.tree = &view;
  const std::shared_ptr<const AppliedForms> alone = run_applied_forms(run);
  ASSERT_NE(alone, nullptr);
  EXPECT_NE(run_applied_forms(run), alone);  // no scope: built per call
  {
    const AppliedRunScope scope(run);
    std::vector<std::shared_ptr<const AppliedForms>> forms(4);
    std::vector<std::shared_ptr<const AppliedValues>> values(4);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < forms.size(); ++i) {
      threads.emplace_back([&, i] {
        values[i] = run_applied_values(run);
        forms[i] = run_applied_forms(run);
      });
    }
    for (std::thread& t : threads) t.join();
    for (std::size_t i = 0; i < forms.size(); ++i) {
      EXPECT_EQ(forms[i], forms[0]);
      EXPECT_EQ(values[i], values[0]);
    }
    ASSERT_NE(forms[0], nullptr);
    ASSERT_NE(values[0], nullptr);
    // The shared forms read as a build of their own: the Flux Kustomization `shop` (images,
    // targetNamespace) reaches apps/a0 and nothing else does.
    const std::vector<const Transformation*> shared = forms[0]->reaching("apps/a0/deploy.yaml");
    const std::vector<const Transformation*> own = alone->reaching("apps/a0/deploy.yaml");
    ASSERT_EQ(shared.size(), 1u);
    ASSERT_EQ(own.size(), 1u);
    EXPECT_EQ(shared[0]->origin, "clusters/shop.yaml");
    EXPECT_EQ(own[0]->origin, shared[0]->origin);
    EXPECT_TRUE(forms[0]->reaching("apps/a1/deploy.yaml").empty());
    // `shop` sets images: the values hold the chain that applies it.
    EXPECT_EQ(values[0]->chains("apps/a0/deploy.yaml").size(), 1u);
    EXPECT_EQ(values[0]->chains("apps/a0/deploy.yaml").front().size(), 1u);
    const RunContext copy = run;  // another RunContext: not the scope's
    EXPECT_NE(run_applied_forms(copy), forms[0]);
    EXPECT_EQ(run_applied_forms(run), forms[0]);
  }
  EXPECT_NE(run_applied_forms(run), alone);  // the scope closed: built per call again
}

// Incremental equals full with the forms and values shared by the run's rules: on a Flux-dense
// tree without a problem, random one-file pushes (a Deployment's image or replicas, the images a
// Flux Kustomization or a new kustomization sets, through the object index) report what a full
// check of the pushed tree reports, for the rules that judge objects as applied.
// The findings of the rules that judge objects as applied (the ones the shared forms and values
// serve), as "path:line:col rule".
std::vector<std::string> applied_rules(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const std::string& line : lines) {
    for (const char* rule :
         {" k8s/image-", " k8s/replicas-minimum", " k8s/selector-mismatch", " schema/"}) {
      if (line.find(rule) != std::string::npos) {
        out.push_back(line);
        break;
      }
    }
  }
  return out;
}

TEST_F(AppliedFormsIndexTest, RandomPushesReportWhatAFullCheckReports) {
  const std::map<std::string, std::string> files = flux_dense_tree();
  const MemorySnapshot base(files);
  Config config;  // every rule the shared values serve, replicas-minimum (off by default) too
  config.policies.rules["k8s/replicas-minimum"].severity = Severity::kError;
  const std::vector<std::string> clean = applied_rules(
      testing::describe_findings(testing::check_tree_findings(base, {}, {}, "", config)));
  ASSERT_TRUE(clean.empty()) << clean.front();
  index(base);
  std::mt19937 random(::testing::UnitTest::GetInstance()->random_seed());
  for (int round = 0; round < 12; ++round) {
    const int app = static_cast<int>(random() % kApps);
    const std::string dir = "apps/a" + std::to_string(app) + "/";
    const std::string name = "ks" + std::to_string(app);
    auto edited = files;
    std::string what;
    switch (random() % 5) {
      case 0:
        what = "a Deployment's image";
        edited[dir + "deploy.yaml"].replace(edited[dir + "deploy.yaml"].find("nginx:1.27"), 10,
                                            "nginx:latest");
        break;
      case 1:
        what = "a Deployment's replicas";
        edited[dir + "deploy.yaml"] = deployment(app, 1);
        break;
      case 2:
        what = "the images of a Flux Kustomization";
        edited["clusters/" + name + ".yaml"] =
            flux_kustomization(name, app, "  images:\n    - name: nginx\n      newTag: latest\n");
        break;
      case 3:
        what = "a kustomization setting images and replicas";
        edited[dir + "kustomization.yaml"] =
            "resources: [deploy.yaml, release.yaml]\nimages:\n  - name: nginx\n    newTag: "
            "latest\nreplicas:\n  - name: app-" +
            std::to_string(app) + "\n    count: 1\n";
        break;
      default:
        what = "the tag `shop` sets";
        edited["clusters/shop.yaml"] = flux_kustomization(
            "shop", 0,
            "  targetNamespace: shop\n  images:\n    - name: nginx\n      newTag: latest\n");
        break;
    }
    SCOPED_TRACE(what + " in round " + std::to_string(round) + ", app " + std::to_string(app));
    const MemorySnapshot pushed(edited);
    const std::vector<std::string> expected = applied_rules(
        testing::describe_findings(testing::check_tree_findings(pushed, {}, {}, "", config)));
    const std::vector<std::string> found = applied_rules(push(base, pushed, config).first);
    EXPECT_FALSE(expected.empty());  // every change above breaks a rule
    EXPECT_EQ(found, expected);
  }
}

}  // namespace
}  // namespace pushgate
