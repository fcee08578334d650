#include "validators/secret/private_key_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(PrivateKeyRule, Fixture) { expect_fixture(PrivateKeyRule(), "secret/private-key.yaml"); }

}  // namespace
}  // namespace pushgate
