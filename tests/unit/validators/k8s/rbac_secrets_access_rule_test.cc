#include "validators/k8s/rbac_secrets_access_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(RbacSecretsAccessRule, Fixture) {
  expect_fixture(RbacSecretsAccessRule(), "k8s/rbac-secrets-access.yaml");
}

}  // namespace
}  // namespace pushgate
