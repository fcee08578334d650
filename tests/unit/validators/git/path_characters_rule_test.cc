// git/path-characters: non-UTF-8 bytes and control characters in paths.
#include "tests/unit/validators/git/git_rule_harness.h"

namespace pushgate {
namespace {

using PathCharactersRuleTest = testing::GitRuleHarness;

TEST_F(PathCharactersRuleTest, ControlCharactersAndBadUtf8AreRejected) {
  RefRuleConfig rule;
  rule.files.deny_unsafe_names = true;
  work.write("clusters/café.yaml", "a: 1\n");
  EXPECT_TRUE(judge(work.commit_all("utf-8 is fine"), rule).empty());

  work.write("tab\there.yaml", "a: 1\n");
  work.write("latin1-caf\xe9.yaml", "a: 1\n");
  FindingList found = judge(work.commit_all("bad names"), rule);
  ASSERT_EQ(rules_of(found),
            (std::vector<std::string>{"git/path-characters", "git/path-characters"}));
  EXPECT_EQ(found[0].path, "latin1-caf\xe9.yaml");
  EXPECT_NE(found[0].message.find("not UTF-8 (0xE9 at byte 11)"), std::string::npos);
  EXPECT_EQ(found[1].path, "tab\there.yaml");
  EXPECT_NE(found[1].message.find("control character (U+0009"), std::string::npos);
}

}  // namespace
}  // namespace pushgate
