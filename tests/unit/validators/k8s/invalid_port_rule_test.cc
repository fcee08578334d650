#include "validators/k8s/invalid_port_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(InvalidPortRule, Fixture) {
  expect_fixture(InvalidPortRule(), "k8s/invalid-port.yaml");
}

}  // namespace
}  // namespace pushgate
