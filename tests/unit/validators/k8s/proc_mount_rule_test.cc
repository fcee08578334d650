#include "validators/k8s/proc_mount_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(ProcMountRule, Fixture) {
  expect_fixture(ProcMountRule(), "k8s/proc-mount.yaml");
}

}  // namespace
}  // namespace pushgate
