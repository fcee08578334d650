#include "validators/k8s/resource_limits_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(ResourceLimitsRule, Fixture) {
  expect_fixture(ResourceLimitsRule(), "k8s/resource-limits.yaml");
}

}  // namespace
}  // namespace pushgate
