// git/commit-blank-line: line 2 of the message is empty.
#include "tests/unit/validators/git/git_rule_harness.h"

namespace pushgate {
namespace {

using CommitBlankLineRuleTest = testing::GitRuleHarness;

TEST_F(CommitBlankLineRuleTest, BodyRightAfterTheSubjectIsRejected) {
  RefRuleConfig rule;
  rule.commits.require_blank_second_line = true;
  commit_message("subject only");
  const std::string ok = commit_message("subject\n\nbody\n");
  EXPECT_TRUE(judge(ok, rule).empty());
  const std::string tip = commit_message("subject\nbody glued to it\n");
  FindingList found = judge(tip, rule);
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/commit-blank-line"});
  EXPECT_EQ(found[0].commit, tip);
  EXPECT_EQ(found[0].position.line, 2u);
}

}  // namespace
}  // namespace pushgate
