#include "validators/k8s/service_node_port_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(ServiceNodePortRule, Fixture) {
  expect_fixture(ServiceNodePortRule(), "k8s/service-node-port.yaml");
}

}  // namespace
}  // namespace pushgate
