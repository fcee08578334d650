#include "validators/secret/slack_token_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(SlackTokenRule, Fixture) { expect_fixture(SlackTokenRule(), "secret/slack-token.yaml"); }

}  // namespace
}  // namespace pushgate
