#include "validators/k8s/allow_privilege_escalation_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(AllowPrivilegeEscalationRule, Fixture) {
  expect_fixture(AllowPrivilegeEscalationRule(), "k8s/allow-privilege-escalation.yaml");
}

}  // namespace
}  // namespace pushgate
