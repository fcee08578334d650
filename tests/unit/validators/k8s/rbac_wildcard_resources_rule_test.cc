#include "validators/k8s/rbac_wildcard_resources_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(RbacWildcardResourcesRule, Fixture) {
  expect_fixture(RbacWildcardResourcesRule(), "k8s/rbac-wildcard-resources.yaml");
}

}  // namespace
}  // namespace pushgate
