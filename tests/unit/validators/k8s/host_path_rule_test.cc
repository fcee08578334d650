#include "validators/k8s/host_path_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(HostPathRule, Fixture) {
  expect_fixture(HostPathRule(), "k8s/host-path.yaml");
}

}  // namespace
}  // namespace pushgate
