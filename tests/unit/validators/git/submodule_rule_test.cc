// git/submodule: gitlinks.
#include "tests/unit/validators/git/git_rule_harness.h"

namespace pushgate {
namespace {

using SubmoduleRuleTest = testing::GitRuleHarness;

TEST_F(SubmoduleRuleTest, GitlinkIsRejectedWhenDenied) {
  work.write("a.txt", "a\n");
  const std::string first = work.commit_all("first");
  // A gitlink pointing at some commit, as `git submodule add` records it.
  work.git({"update-index", "--add", "--cacheinfo", "160000," + first + ",vendor/lib"});
  work.git({"commit", "-q", "-m", "add submodule"});
  const std::string tip = work.head();
  RefRuleConfig rule;
  EXPECT_TRUE(judge(tip, rule).empty());
  rule.files.deny_submodules = true;
  FindingList found = judge(tip, rule);
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/submodule"});
  EXPECT_EQ(found[0].path, "vendor/lib");
  EXPECT_EQ(found[0].commit, tip);
}

}  // namespace
}  // namespace pushgate
