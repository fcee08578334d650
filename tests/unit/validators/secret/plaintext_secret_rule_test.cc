#include "validators/secret/plaintext_secret_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(PlaintextSecretRule, Fixture) { expect_fixture(PlaintextSecretRule(), "secret/plaintext-secret.yaml"); }

}  // namespace
}  // namespace pushgate
