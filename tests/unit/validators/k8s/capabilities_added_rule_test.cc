#include "validators/k8s/capabilities_added_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(CapabilitiesAddedRule, Fixture) {
  expect_fixture(CapabilitiesAddedRule(), "k8s/capabilities-added.yaml");
}

}  // namespace
}  // namespace pushgate
