#include "validators/k8s/host_pid_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(HostPidRule, Fixture) {
  expect_fixture(HostPidRule(), "k8s/host-pid.yaml");
}

}  // namespace
}  // namespace pushgate
