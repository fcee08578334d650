#include "validators/k8s/resource_requests_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(ResourceRequestsRule, Fixture) {
  expect_fixture(ResourceRequestsRule(), "k8s/resource-requests.yaml");
}

}  // namespace
}  // namespace pushgate
