#include "validators/k8s/host_ipc_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(HostIpcRule, Fixture) {
  expect_fixture(HostIpcRule(), "k8s/host-ipc.yaml");
}

}  // namespace
}  // namespace pushgate
