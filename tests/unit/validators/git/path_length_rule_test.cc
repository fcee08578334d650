// git/path-length: long repository-relative paths.
#include "tests/unit/validators/git/git_rule_harness.h"

namespace pushgate {
namespace {

using PathLengthRuleTest = testing::GitRuleHarness;

TEST_F(PathLengthRuleTest, PathLongerThanTheLimitIsRejected) {
  RefRuleConfig rule;
  rule.files.max_path_length = 10;
  work.write("abcde/f.md", "a\n");  // exactly 10 bytes
  EXPECT_TRUE(judge(work.commit_all("ok"), rule).empty());
  work.write("abcde/fg.md", "a\n");
  FindingList found = judge(work.commit_all("long"), rule);
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/path-length"});
  EXPECT_EQ(found[0].path, "abcde/fg.md");
  EXPECT_NE(found[0].message.find("11 bytes, more than the 10"), std::string::npos);
}

}  // namespace
}  // namespace pushgate
