// git/commit-email: author and committer emails against RE2 patterns.
#include "tests/unit/validators/git/git_rule_harness.h"

namespace pushgate {
namespace {

using CommitEmailRuleTest = testing::GitRuleHarness;

TEST_F(CommitEmailRuleTest, AuthorAndCommitterOutsideTheDomainAreRejected) {
  RefRuleConfig rule;
  rule.commits.author_email = R"(.*@example\.com)";
  rule.commits.committer_email = R"(.*@example\.com)";
  const std::string ok = commit_message("ok", {{"GIT_AUTHOR_EMAIL", "Dev@EXAMPLE.com"}});
  EXPECT_TRUE(judge(ok, rule).empty());

  const std::string tip = commit_message(
      "x", {{"GIT_AUTHOR_EMAIL", "dev@gmail.com"}, {"GIT_COMMITTER_EMAIL", "ci@example.com.evil"}});
  FindingList found = judge(tip, rule);
  ASSERT_EQ(rules_of(found), (std::vector<std::string>{"git/commit-email", "git/commit-email"}));
  EXPECT_EQ(found[0].commit, tip);
  EXPECT_NE(found[0].message.find("author email <dev@gmail.com>"), std::string::npos);
  EXPECT_NE(found[1].message.find("committer email <ci@example.com.evil>"), std::string::npos);
}

}  // namespace
}  // namespace pushgate
