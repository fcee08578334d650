#include "validators/gitops/argo_target_revision_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;
using testing::run_rule;

TEST(ArgoTargetRevisionRule, Fixture) {
  PoliciesConfig policies;
  policies.rules["gitops/argo-target-revision"].options.values["tag_pattern"] =
      std::string("release-[0-9]+");
  expect_fixture(ArgoTargetRevisionRule(policies), "gitops/argo-target-revision.yaml");
}

TEST(ArgoTargetRevisionRule, WithoutTagPatternACustomTagLooksLikeABranch) {
  const std::string app =
      "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a}\n"
      "spec: {source: {repoURL: x, targetRevision: release-42}}\n";
  EXPECT_EQ(run_rule(ArgoTargetRevisionRule(PoliciesConfig{}), "a.yaml", app).size(), 1u);
}

}  // namespace
}  // namespace pushgate
