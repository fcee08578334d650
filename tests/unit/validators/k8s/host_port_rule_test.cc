#include "validators/k8s/host_port_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(HostPortRule, Fixture) {
  expect_fixture(HostPortRule(), "k8s/host-port.yaml");
}

}  // namespace
}  // namespace pushgate
