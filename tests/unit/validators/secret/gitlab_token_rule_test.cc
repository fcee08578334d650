#include "validators/secret/gitlab_token_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(GitlabTokenRule, Fixture) { expect_fixture(GitlabTokenRule(), "secret/gitlab-token.yaml"); }

}  // namespace
}  // namespace pushgate
