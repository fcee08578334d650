#include "validators/k8s/liveness_probe_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(LivenessProbeRule, Fixture) {
  expect_fixture(LivenessProbeRule(), "k8s/liveness-probe.yaml");
}

}  // namespace
}  // namespace pushgate
