// git/binary-file: NUL bytes in files that must be text.
#include "tests/unit/validators/git/git_rule_harness.h"

namespace pushgate {
namespace {

using BinaryFileRuleTest = testing::GitRuleHarness;

TEST_F(BinaryFileRuleTest, BinaryYamlIsRejectedBinaryElsewhereAccepted) {
  RefRuleConfig rule;
  rule.files.text_only = {"**/*.yaml"};
  work.write("clusters/app.yaml", "kind: Pod\n");
  work.write("logo.png", std::string("\x89PNG\0\0", 6));
  EXPECT_TRUE(judge(work.commit_all("ok"), rule).empty());

  work.write("clusters/app.yaml", std::string("kind: Pod\n\0oops", 15));
  const std::string tip = work.commit_all("binary yaml");
  FindingList found = judge(tip, rule);
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/binary-file"});
  EXPECT_EQ(found[0].path, "clusters/app.yaml");
  EXPECT_EQ(found[0].commit, tip);
}

}  // namespace
}  // namespace pushgate
