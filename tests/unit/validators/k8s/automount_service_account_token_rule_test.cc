#include "validators/k8s/automount_service_account_token_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(AutomountServiceAccountTokenRule, Fixture) {
  expect_fixture(AutomountServiceAccountTokenRule(), "k8s/automount-service-account-token.yaml");
}

}  // namespace
}  // namespace pushgate
