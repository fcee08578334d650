#include "validators/k8s/privileged_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(PrivilegedRule, Fixture) {
  expect_fixture(PrivilegedRule(), "k8s/privileged.yaml");
}

}  // namespace
}  // namespace pushgate
