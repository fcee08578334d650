#include "validators/gitops/flux_suspended_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;
using testing::read_fixture;
using testing::run_rule;

TEST(FluxSuspendedRule, Fixture) {
  expect_fixture(FluxSuspendedRule(PoliciesConfig{}), "gitops/flux-suspended.yaml",
                 "refs/heads/main");
}

TEST(FluxSuspendedRule, OtherBranchesAndNoRefAreFine) {
  const std::string text = read_fixture("gitops/flux-suspended.yaml");
  const FluxSuspendedRule rule(PoliciesConfig{});
  EXPECT_TRUE(run_rule(rule, "f.yaml", text, "refs/heads/feature/x").empty());
  EXPECT_TRUE(run_rule(rule, "f.yaml", text, "").empty());
  EXPECT_EQ(run_rule(rule, "f.yaml", text, "refs/heads/master").size(), 2u);
}

TEST(FluxSuspendedRule, BranchesOptionReplacesTheDefaults) {
  PoliciesConfig policies;
  policies.rules["gitops/flux-suspended"].options.values["branches"] =
      std::vector<std::string>{"refs/heads/release/**"};
  const FluxSuspendedRule rule(policies);
  const std::string text = read_fixture("gitops/flux-suspended.yaml");
  EXPECT_TRUE(run_rule(rule, "f.yaml", text, "refs/heads/main").empty());
  EXPECT_EQ(run_rule(rule, "f.yaml", text, "refs/heads/release/2.1").size(), 2u);
}

}  // namespace
}  // namespace pushgate
