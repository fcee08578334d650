// git/forbidden-path: forbidden globs and extensions.
#include "tests/unit/validators/git/git_rule_harness.h"

namespace pushgate {
namespace {

using ForbiddenPathRuleTest = testing::GitRuleHarness;

TEST_F(ForbiddenPathRuleTest, ForbiddenGlobAndExtensionAreRejected) {
  RefRuleConfig rule;
  rule.files.forbidden_paths = {"**/*.pem", "secrets/**"};
  rule.files.forbidden_extensions = {".zip"};
  work.write("clusters/app.yaml", "kind: Pod\n");
  EXPECT_TRUE(judge(work.commit_all("ok"), rule).empty());

  work.write("certs/tls.pem", "key\n");
  work.write("dist/Bundle.ZIP", "zip\n");
  const std::string tip = work.commit_all("bad");
  FindingList found = judge(tip, rule);
  ASSERT_EQ(rules_of(found),
            (std::vector<std::string>{"git/forbidden-path", "git/forbidden-path"}));
  EXPECT_EQ(found[0].path, "certs/tls.pem");
  EXPECT_NE(found[0].message.find("a forbidden path"), std::string::npos);
  EXPECT_EQ(found[1].path, "dist/Bundle.ZIP");
  EXPECT_NE(found[1].message.find("forbidden extension (.zip)"), std::string::npos);
  EXPECT_EQ(found[1].commit, tip);
}

}  // namespace
}  // namespace pushgate
