#include "validators/k8s/invalid_label_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(InvalidLabelRule, Fixture) {
  expect_fixture(InvalidLabelRule(), "k8s/invalid-label.yaml");
}

}  // namespace
}  // namespace pushgate
