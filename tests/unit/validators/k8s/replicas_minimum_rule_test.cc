#include "validators/k8s/replicas_minimum_rule.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "tests/support/memory_snapshot.h"
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

}  // namespace
}  // namespace pushgate
