#include "validators/k8s/windows_host_process_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(WindowsHostProcessRule, Fixture) {
  expect_fixture(WindowsHostProcessRule(), "k8s/windows-host-process.yaml");
}

}  // namespace
}  // namespace pushgate
