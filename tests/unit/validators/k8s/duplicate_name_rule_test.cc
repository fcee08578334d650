#include "validators/k8s/duplicate_name_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(DuplicateNameRule, Fixture) {
  expect_fixture(DuplicateNameRule(), "k8s/duplicate-name.yaml");
}

}  // namespace
}  // namespace pushgate
