#include "validators/gitops/deprecated_api_version_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(DeprecatedApiVersionRule, Fixture) {
  expect_fixture(DeprecatedApiVersionRule(), "gitops/deprecated-api-version.yaml");
}

}  // namespace
}  // namespace pushgate
