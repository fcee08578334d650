#include "validators/k8s/image_pull_policy_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(ImagePullPolicyRule, Fixture) {
  expect_fixture(ImagePullPolicyRule(), "k8s/image-pull-policy.yaml");
}

}  // namespace
}  // namespace pushgate
