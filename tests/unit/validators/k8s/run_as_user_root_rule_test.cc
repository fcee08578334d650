#include "validators/k8s/run_as_user_root_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(RunAsUserRootRule, Fixture) {
  expect_fixture(RunAsUserRootRule(), "k8s/run-as-user-root.yaml");
}

}  // namespace
}  // namespace pushgate
