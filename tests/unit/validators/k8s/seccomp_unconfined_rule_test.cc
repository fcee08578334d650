#include "validators/k8s/seccomp_unconfined_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(SeccompUnconfinedRule, Fixture) {
  expect_fixture(SeccompUnconfinedRule(), "k8s/seccomp-unconfined.yaml");
}

}  // namespace
}  // namespace pushgate
