// git/committer-is-pusher: the pusher committed every new commit; fails closed without a pusher.
#include "tests/unit/validators/git/git_rule_harness.h"

namespace pushgate {
namespace {

class CommitterIsPusherRuleTest : public testing::GitRuleHarness {
 protected:
  static RefRuleConfig rule() {
    RefRuleConfig r;
    r.commits.committer_is_pusher = true;
    return r;
  }
};

TEST_F(CommitterIsPusherRuleTest, OwnCommitsAreAcceptedOthersRejected) {
  const std::string mine = commit_message("mine", {{"GIT_COMMITTER_EMAIL", "alice@example.com"}});
  EXPECT_TRUE(judge(mine, rule(), Pusher{"alice", "GL_USER"}).empty());
  EXPECT_TRUE(judge(mine, rule(), Pusher{"alice@example.com", "REMOTE_USER"}).empty());

  const std::string theirs = commit_message("theirs", {{"GIT_COMMITTER_EMAIL", "bob@example.com"}});
  FindingList found = judge(theirs, rule(), Pusher{"alice", "GL_USER"});
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/committer-is-pusher"});
  EXPECT_EQ(found[0].commit, theirs);
  EXPECT_NE(found[0].message.find("is not the pusher alice (from GL_USER)"), std::string::npos);
}

TEST_F(CommitterIsPusherRuleTest, UnknownPusherFailsClosedNamingTheVariables) {
  const std::string tip = commit_message("c", {{"GIT_COMMITTER_EMAIL", "alice@example.com"}});
  FindingList found = judge(tip, rule());
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/committer-is-pusher"});
  EXPECT_EQ(found[0].severity, Severity::kError);
  EXPECT_NE(found[0].message.find("REMOTE_USER"), std::string::npos);
  EXPECT_NE(found[0].message.find("GL_USER"), std::string::npos);
}

}  // namespace
}  // namespace pushgate
