#include "validators/secret/generic_high_entropy_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(GenericHighEntropyRule, Fixture) { expect_fixture(GenericHighEntropyRule(), "secret/generic-high-entropy.yaml"); }

}  // namespace
}  // namespace pushgate
