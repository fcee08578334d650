#include "validators/k8s/replicas_minimum_rule.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "tests/support/memory_snapshot.h"
#include "tests/support/push_agreement.h"
#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;
using testing::run_rule;

TEST(ReplicasMinimumRule, Fixture) {
  PoliciesConfig policies;
  policies.rules["k8s/replicas-minimum"].options.values["min"] = std::int64_t{3};
  expect_fixture(ReplicasMinimumRule(policies), "k8s/replicas-minimum.yaml");
}

TEST(ReplicasMinimumRule, DefaultMinimumIsTwo) {
  const std::string two =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\n"
      "spec: {replicas: 2}\n";
  EXPECT_TRUE(run_rule(ReplicasMinimumRule(PoliciesConfig{}), "a.yaml", two).empty());
  const std::string one =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\n"
      "spec: {replicas: 1}\n";
  EXPECT_EQ(run_rule(ReplicasMinimumRule(PoliciesConfig{}), "a.yaml", one).size(), 1u);
}

// Issue 13, class 2: kustomize's `replicas:` sets the count that is applied (matching the name
// as written or after namePrefix); a count it sets too low is reported at its entry.
TEST(ReplicasMinimumRule, JudgesTheCountKustomizeApplies) {
  Config config;
  config.policies.rules["k8s/replicas-minimum"].severity = Severity::kError;
  auto tree = [](const std::string& prod_count) {
    return testing::MemorySnapshot(
        {{"base/deploy.yaml",
          "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 1}\n"},
         {"base/kustomization.yaml", "resources: [deploy.yaml]\n"},
         {"prod/kustomization.yaml",
          "resources: [../base]\nnamePrefix: prod-\n"
          "replicas:\n- name: prod-web\n  count: " +
              prod_count + "\n"}});
  };
  EXPECT_TRUE(testing::check_tree(tree("3"), {}, {}, "k8s/replicas-minimum", config).empty());
  const FindingList out =
      testing::check_tree_findings(tree("1"), {}, {}, "k8s/replicas-minimum", config);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].path, "prod/kustomization.yaml");
  EXPECT_EQ(out[0].position, (Position{4, 3}));
  EXPECT_EQ(out[0].message,
            "only 1 replica for Deployment web (base/deploy.yaml), set by this `replicas` entry, "
            "fewer than the 2 required here; raise its count");
  // The base alone applies its 1 replica, reported at the manifest.
  EXPECT_EQ(testing::check_tree(testing::MemorySnapshot(std::map<std::string, std::string>{
                                    {"base/deploy.yaml",
                                     "apiVersion: apps/v1\nkind: Deployment\n"
                                     "metadata: {name: web}\nspec: {replicas: 1}\n"}}),
                                {}, {}, "k8s/replicas-minimum", config),
            std::vector<std::string>{"base/deploy.yaml:4:18 k8s/replicas-minimum"});
}

// Incremental equals full, for replicas as for images (image_latest_rule_test): over every push
// between trees whose Argo CD Application sets one Deployment's count (spec.source.kustomize)
// and whose kustomization sets another's, the push reports exactly the full check's findings in
// the files it changed (the applier's or kustomization's entry), and agrees with full checks both
// ways (push_agreement.h) — though the Deployments it re-judges did not change.
TEST(ReplicasMinimumRule, APushThatChangesOnlyTheApplierIsJudgedOnWhatItRenders) {
  Config config;
  config.policies.rules["k8s/replicas-minimum"].severity = Severity::kError;
  auto deploy = [](const std::string& name) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name +
           "}\nspec: {replicas: 3}\n";
  };
  auto tree = [&](const std::string& argo_count, const std::string& kustomize_count) {
    return std::map<std::string, std::string>{
        {"apps/web/deploy.yaml", deploy("web")},
        {"apps/web/kustomization.yaml", "resources: [deploy.yaml]\n"},
        {"argo/web.yaml",
         "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web}\nspec:\n"
         "  project: default\n  source:\n    repoURL: https://git.example.com/apps.git\n"
         "    path: apps/web\n    kustomize:\n      replicas: [{name: web, count: " +
             argo_count + "}]\n"},
        {"apps/api/deploy.yaml", deploy("api")},
        {"apps/api/kustomization.yaml",
         "resources: [deploy.yaml]\nreplicas:\n- {name: api, count: " + kustomize_count + "}\n"}};
  };
  const std::vector<std::string> counts = {"1", "2", "3"};
  std::vector<std::map<std::string, std::string>> trees;
  for (const std::string& a : counts) {
    for (const std::string& k : counts) trees.push_back(tree(a, k));
  }
  int round = 0, reported = 0;
  for (const auto& before : trees) {
    for (const auto& after : trees) {
      if (before == after) continue;
      const testing::MemorySnapshot old_tree(before), new_tree(after);
      std::vector<std::string> expected;
      for (const Finding& f :
           testing::check_tree_findings(new_tree, {}, {}, "k8s/replicas-minimum", config)) {
        if (before.at(f.path) != after.at(f.path)) {
          expected.push_back(f.path + ":" + std::to_string(f.position.line) + ":" +
                             std::to_string(f.position.column) + " " + f.rule);
        }
      }
      const std::vector<std::string> push =
          testing::check_change(old_tree, new_tree, "k8s/replicas-minimum", config);
      EXPECT_EQ(push, expected) << "round " << round;
      testing::expect_push_agrees_with_full_checks(old_tree, new_tree, "k8s/replicas-minimum",
                                                   config, round);
      reported += static_cast<int>(push.size());
      ++round;
    }
  }
  EXPECT_GT(reported, 20);  // pushes that set a count too low are among them
}

}  // namespace
}  // namespace pushgate
