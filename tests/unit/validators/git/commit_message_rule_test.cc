// git/commit-message: required and forbidden message patterns over every new commit.
#include "tests/unit/validators/git/git_rule_harness.h"

namespace pushgate {
namespace {

class CommitMessageRuleTest : public testing::GitRuleHarness {
 protected:
  static RefRuleConfig conventional() {
    RefRuleConfig rule;
    rule.commits.message_must_match = {R"(^(feat|fix|docs|chore)(\([a-z0-9-]+\))?!?: \S)"};
    rule.commits.message_must_not_match = {R"((?m)^(fixup|squash)! )", R"(\bWIP\b)"};
    return rule;
  }
};

TEST_F(CommitMessageRuleTest, ConventionalMessagesAreAccepted) {
  commit_message("feat: add the app");
  const std::string tip = commit_message("fix(api): handle empty lists\n\nbody text\n");
  EXPECT_TRUE(judge(tip, conventional()).empty());
}

TEST_F(CommitMessageRuleTest, EveryNewCommitIsCheckedNotOnlyTheTip) {
  const std::string base = commit_message("feat: base");
  set_server_ref("refs/heads/main", base);
  const std::string bad = commit_message("update stuff");
  const std::string tip = commit_message("feat: more");
  FindingList found = judge(tip, conventional());
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/commit-message"});
  EXPECT_EQ(found[0].commit, bad);
  EXPECT_EQ(found[0].ref, "refs/heads/main");
  EXPECT_EQ(found[0].position.line, 1u);
  EXPECT_NE(found[0].message.find("does not match the required pattern"), std::string::npos);
}

TEST_F(CommitMessageRuleTest, ForbiddenPatternReportsItsMessageLine) {
  const std::string tip = commit_message("feat: thing\n\nstill WIP here\n");
  FindingList found = judge(tip, conventional());
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/commit-message"});
  EXPECT_EQ(found[0].position.line, 3u);
  EXPECT_NE(found[0].message.find("message line 3"), std::string::npos);
  EXPECT_NE(found[0].message.find("\\bWIP\\b"), std::string::npos);
}

TEST_F(CommitMessageRuleTest, FixupCommitIsRejected) {
  commit_message("feat: thing");
  const std::string tip = commit_message("fixup! feat: thing");
  FindingList found = judge(tip, conventional());
  // Forbidden by the fixup pattern, and not a conventional subject either.
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[1].position.line, 1u);
  EXPECT_NE(found[1].message.find("fixup|squash"), std::string::npos);
}

TEST_F(CommitMessageRuleTest, CommitsTheServerHasAreNotJudgedAgain) {
  const std::string old = commit_message("legacy message");
  set_server_ref("refs/heads/other", old);
  const std::string tip = commit_message("feat: new");
  EXPECT_TRUE(judge(tip, conventional()).empty());
}

}  // namespace
}  // namespace pushgate
