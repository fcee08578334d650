#include "validators/k8s/service_load_balancer_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(ServiceLoadBalancerRule, Fixture) {
  expect_fixture(ServiceLoadBalancerRule(), "k8s/service-load-balancer.yaml");
}

}  // namespace
}  // namespace pushgate
