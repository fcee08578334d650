#include "validators/k8s/seccomp_profile_missing_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(SeccompProfileMissingRule, Fixture) {
  expect_fixture(SeccompProfileMissingRule(), "k8s/seccomp-profile-missing.yaml");
}

}  // namespace
}  // namespace pushgate
