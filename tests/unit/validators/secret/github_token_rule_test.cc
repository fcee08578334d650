#include "validators/secret/github_token_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;
using testing::read_fixture;

TEST(GithubTokenRule, Fixture) { expect_fixture(GithubTokenRule(), "secret/github-token.yaml"); }

// Secrets are found in any text file, not only in manifests.
TEST(GithubTokenRule, FindsTokensInFilesThatAreNotYaml) {
  expect_fixture(GithubTokenRule(), "secret/github-token.env");
}

TEST(GithubTokenRule, NeverShowsMoreThanFourCharacters) {
  const std::string text = read_fixture("secret/github-token.env");
  const FindingList out = expect_fixture(GithubTokenRule(), "secret/github-token.env");
  ASSERT_EQ(out.size(), 1u);
  const std::size_t at = text.find("ghp_");
  const std::string token = text.substr(at, 40);
  EXPECT_EQ(out[0].message.find(token.substr(0, 5)), std::string::npos) << out[0].message;
  EXPECT_NE(out[0].message.find("`ghp_****`"), std::string::npos) << out[0].message;
  // The code frame line is masked too, with the caret still under the token.
  EXPECT_EQ(out[0].source_line, "GH_TOKEN=ghp_" + std::string(36, '*'));
  EXPECT_EQ(out[0].span, 40u);
}

}  // namespace
}  // namespace pushgate
