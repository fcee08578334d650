#include "validators/k8s/invalid_quantity_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(InvalidQuantityRule, Fixture) {
  expect_fixture(InvalidQuantityRule(), "k8s/invalid-quantity.yaml");
}

}  // namespace
}  // namespace pushgate
