#include "validators/k8s/capabilities_drop_all_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(CapabilitiesDropAllRule, Fixture) {
  expect_fixture(CapabilitiesDropAllRule(), "k8s/capabilities-drop-all.yaml");
}

}  // namespace
}  // namespace pushgate
