// git/case-collision: names in one folder that differ only in case.
#include "tests/unit/validators/git/git_rule_harness.h"

namespace pushgate {
namespace {

using CaseCollisionRuleTest = testing::GitRuleHarness;

TEST_F(CaseCollisionRuleTest, NewNameCollidingWithAnExistingOneIsRejected) {
  RefRuleConfig rule;
  rule.files.deny_case_collisions = true;
  work.write("docs/readme.md", "a\n");
  work.write("clusters/app.yaml", "a: 1\n");
  const std::string base = work.commit_all("base");
  EXPECT_TRUE(judge(base, rule).empty());
  set_server_ref("refs/heads/main", base);

  work.write("docs/README.md", "b\n");      // collides with an existing file
  work.write("Clusters/x.yaml", "x: 1\n");  // a new folder colliding with an existing one
  const std::string tip = work.commit_all("collide");
  FindingList found = judge(tip, rule);
  ASSERT_EQ(rules_of(found),
            (std::vector<std::string>{"git/case-collision", "git/case-collision"}));
  EXPECT_EQ(found[0].path, "Clusters");
  EXPECT_EQ(found[1].path, "docs/README.md");
  EXPECT_NE(found[1].message.find("\"docs/readme.md\""), std::string::npos);
  EXPECT_EQ(found[1].commit, tip);
}

}  // namespace
}  // namespace pushgate
