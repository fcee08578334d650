#include "validators/k8s/replicas_minimum_rule.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace pushgate
