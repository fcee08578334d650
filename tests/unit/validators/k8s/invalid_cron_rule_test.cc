#include "validators/k8s/invalid_cron_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(InvalidCronRule, Fixture) {
  expect_fixture(InvalidCronRule(), "k8s/invalid-cron.yaml");
}

}  // namespace
}  // namespace pushgate
