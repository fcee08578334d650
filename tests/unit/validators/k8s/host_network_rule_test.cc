#include "validators/k8s/host_network_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(HostNetworkRule, Fixture) {
  expect_fixture(HostNetworkRule(), "k8s/host-network.yaml");
}

}  // namespace
}  // namespace pushgate
