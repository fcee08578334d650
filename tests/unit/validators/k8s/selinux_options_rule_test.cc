#include "validators/k8s/selinux_options_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(SelinuxOptionsRule, Fixture) {
  expect_fixture(SelinuxOptionsRule(), "k8s/selinux-options.yaml");
}

}  // namespace
}  // namespace pushgate
