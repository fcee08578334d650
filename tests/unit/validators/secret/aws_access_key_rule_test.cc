#include "validators/secret/aws_access_key_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(AwsAccessKeyRule, Fixture) { expect_fixture(AwsAccessKeyRule(), "secret/aws-access-key.yaml"); }

}  // namespace
}  // namespace pushgate
