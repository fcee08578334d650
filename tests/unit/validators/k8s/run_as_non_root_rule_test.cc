#include "validators/k8s/run_as_non_root_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(RunAsNonRootRule, Fixture) {
  expect_fixture(RunAsNonRootRule(), "k8s/run-as-non-root.yaml");
}

}  // namespace
}  // namespace pushgate
