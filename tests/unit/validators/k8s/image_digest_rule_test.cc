#include "validators/k8s/image_digest_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(ImageDigestRule, Fixture) {
  expect_fixture(ImageDigestRule(), "k8s/image-digest.yaml");
}

}  // namespace
}  // namespace pushgate
