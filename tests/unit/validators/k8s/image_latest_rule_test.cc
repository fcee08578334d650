#include "validators/k8s/image_latest_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(ImageLatestRule, Fixture) {
  expect_fixture(ImageLatestRule(), "k8s/image-latest.yaml");
}

}  // namespace
}  // namespace pushgate
