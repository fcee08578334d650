#include "validators/k8s/readiness_probe_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(ReadinessProbeRule, Fixture) {
  expect_fixture(ReadinessProbeRule(), "k8s/readiness-probe.yaml");
}

}  // namespace
}  // namespace pushgate
