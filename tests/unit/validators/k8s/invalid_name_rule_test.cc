#include "validators/k8s/invalid_name_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(InvalidNameRule, Fixture) {
  expect_fixture(InvalidNameRule(), "k8s/invalid-name.yaml");
}

}  // namespace
}  // namespace pushgate
