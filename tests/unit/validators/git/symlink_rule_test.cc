// git/symlink: forbidden links, or links out of the tree.
#include "tests/unit/validators/git/git_rule_harness.h"

namespace pushgate {
namespace {

using SymlinkRuleTest = testing::GitRuleHarness;

TEST_F(SymlinkRuleTest, InsideTreeAcceptsRelativeLinksAndRejectsEscapes) {
  RefRuleConfig rule;
  rule.files.symlinks = SymlinkPolicy::kInsideTree;
  work.write("base/app.yaml", "kind: Pod\n");
  work.symlink("../base/app.yaml", "prod/app.yaml");
  EXPECT_TRUE(judge(work.commit_all("inside"), rule).empty());

  work.symlink("../../etc/passwd", "prod/passwd");
  work.symlink("/etc/shadow", "shadow");
  const std::string tip = work.commit_all("escapes");
  FindingList found = judge(tip, rule);
  ASSERT_EQ(rules_of(found), (std::vector<std::string>{"git/symlink", "git/symlink"}));
  EXPECT_EQ(found[0].path, "prod/passwd");
  EXPECT_NE(found[0].message.find("\"../../etc/passwd\""), std::string::npos);
  EXPECT_EQ(found[1].path, "shadow");
}

TEST_F(SymlinkRuleTest, ForbidRejectsEveryLink) {
  RefRuleConfig rule;
  rule.files.symlinks = SymlinkPolicy::kForbid;
  work.write("a.yaml", "a: 1\n");
  EXPECT_TRUE(judge(work.commit_all("file"), rule).empty());
  work.symlink("a.yaml", "b.yaml");
  FindingList found = judge(work.commit_all("link"), rule);
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/symlink"});
  EXPECT_EQ(found[0].path, "b.yaml");
}

}  // namespace
}  // namespace pushgate
