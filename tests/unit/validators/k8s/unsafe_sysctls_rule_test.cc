#include "validators/k8s/unsafe_sysctls_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(UnsafeSysctlsRule, Fixture) {
  expect_fixture(UnsafeSysctlsRule(), "k8s/unsafe-sysctls.yaml");
}

}  // namespace
}  // namespace pushgate
