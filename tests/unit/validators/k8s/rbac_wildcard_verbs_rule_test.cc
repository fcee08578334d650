#include "validators/k8s/rbac_wildcard_verbs_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(RbacWildcardVerbsRule, Fixture) {
  expect_fixture(RbacWildcardVerbsRule(), "k8s/rbac-wildcard-verbs.yaml");
}

}  // namespace
}  // namespace pushgate
