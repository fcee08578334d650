// git/commit-subject-length: the first line's length in characters.
#include "tests/unit/validators/git/git_rule_harness.h"

namespace pushgate {
namespace {

using CommitSubjectLengthRuleTest = testing::GitRuleHarness;

TEST_F(CommitSubjectLengthRuleTest, LongSubjectIsRejectedShortAccepted) {
  RefRuleConfig rule;
  rule.commits.subject_max_length = 10;
  // 10 characters, 20 bytes: counted as characters.
  const std::string ok = commit_message("éééééééééé\n\nthe body may be as long as it likes to be");
  EXPECT_TRUE(judge(ok, rule).empty());
  const std::string tip = commit_message("this subject is too long");
  FindingList found = judge(tip, rule);
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/commit-subject-length"});
  EXPECT_EQ(found[0].commit, tip);
  EXPECT_EQ(found[0].position.line, 1u);
  EXPECT_NE(found[0].message.find("is 24 characters, more than the 10 allowed"), std::string::npos);
}

}  // namespace
}  // namespace pushgate
