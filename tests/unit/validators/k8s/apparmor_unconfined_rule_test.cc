#include "validators/k8s/apparmor_unconfined_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(ApparmorUnconfinedRule, Fixture) {
  expect_fixture(ApparmorUnconfinedRule(), "k8s/apparmor-unconfined.yaml");
}

}  // namespace
}  // namespace pushgate
