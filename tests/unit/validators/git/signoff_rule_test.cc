// git/signoff: a DCO Signed-off-by trailer naming the author.
#include "tests/unit/validators/git/git_rule_harness.h"

namespace pushgate {
namespace {

class SignoffRuleTest : public testing::GitRuleHarness {
 protected:
  static RefRuleConfig rule() {
    RefRuleConfig r;
    r.commits.require_signoff = true;
    return r;
  }
};

TEST_F(SignoffRuleTest, AuthorSignOffIsAccepted) {
  // The test identity is "Test Author <author@example.com>"; `git commit -s` signs as the
  // committer, so write the trailer.
  const std::string tip =
      commit_message("feat: x\n\nbody\n\nSigned-off-by: Test Author <Author@example.com>\n");
  EXPECT_TRUE(judge(tip, rule()).empty());
}

TEST_F(SignoffRuleTest, MissingSignOffIsRejected) {
  const std::string tip = commit_message("feat: x\n\nno trailer\n");
  FindingList found = judge(tip, rule());
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/signoff"});
  EXPECT_EQ(found[0].commit, tip);
  EXPECT_EQ(found[0].position.line, 0u);
  EXPECT_NE(found[0].message.find("Signed-off-by: Test Author <author@example.com>"),
            std::string::npos);
}

TEST_F(SignoffRuleTest, SignOffBySomeoneElseNamesItsLine) {
  const std::string tip =
      commit_message("feat: x\n\nbody\n\nSigned-off-by: Mallory <mallory@example.com>\n");
  FindingList found = judge(tip, rule());
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/signoff"});
  EXPECT_EQ(found[0].position.line, 5u);
  EXPECT_NE(found[0].message.find("message line 5"), std::string::npos);
}

}  // namespace
}  // namespace pushgate
