#include "validators/k8s/volume_types_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(VolumeTypesRule, Fixture) {
  expect_fixture(VolumeTypesRule(), "k8s/volume-types.yaml");
}

}  // namespace
}  // namespace pushgate
