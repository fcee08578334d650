// git/policy-admins: commits changing .pushgate.yaml, .pushgate.yml or pushgate.yaml need a
// policy admin's approval trailer or a policy admin as pusher.
#include "validators/git/policy_admins_rule.h"

#include "tests/unit/validators/git/git_rule_harness.h"

namespace pushgate {
namespace {

class PolicyAdminsRuleTest : public testing::GitRuleHarness {
 protected:
  static RefRuleConfig rule() {
    RefRuleConfig r;
    ReviewsConfig reviews;
    reviews.approvals = 0;
    reviews.policy_admins = {"@alice", "bob@example.com"};
    r.reviews = std::move(reviews);
    return r;
  }
  void base() {
    work.write("README.md", "hello\n");
    set_server_ref("refs/heads/main", work.commit_all("base"));
  }
};

TEST_F(PolicyAdminsRuleTest, PolicyFilesNeedAnAdmin) {
  base();
  work.write(".pushgate.yaml", "version: 1\n");
  work.write("pushgate.yaml", "version: 1\n");
  work.write("sub/pushgate.yaml", "version: 1\n");  // not at the root: not a policy file
  const std::string tip = work.commit_all("relax\n\nReviewed-by: Carol <carol@example.com>");
  FindingList found = judge(tip, rule(), Pusher{"carol", "GL_USER"});
  ASSERT_EQ(rules_of(found), (std::vector<std::string>{"git/policy-admins", "git/policy-admins"}));
  EXPECT_EQ(found[0].path, ".pushgate.yaml");
  EXPECT_EQ(found[1].path, "pushgate.yaml");
  EXPECT_EQ(found[0].commit, tip);
  EXPECT_NE(found[0].message.find("(@alice, bob@example.com)"), std::string::npos)
      << found[0].message;
  EXPECT_NE(found[0].message.find("pushed by carol"), std::string::npos) << found[0].message;
}

TEST_F(PolicyAdminsRuleTest, AnAdminApprovalOrPusherIsAccepted) {
  base();
  work.write(".pushgate.yml", "version: 1\n");
  const std::string approved = work.commit_all("x\n\nApproved-by: Bob <BOB@example.com>");
  EXPECT_TRUE(judge(approved, rule()).empty());
  work.remove(".pushgate.yml");  // a deletion is a change too
  const std::string removed = work.commit_all("drop");
  EXPECT_EQ(rules_of(judge(removed, rule())), std::vector<std::string>{"git/policy-admins"});
  EXPECT_TRUE(judge(removed, rule(), Pusher{"ALICE", "REMOTE_USER"}).empty());
}

TEST_F(PolicyAdminsRuleTest, ABranchPushedElsewhereFirstStillNeedsAnAdmin) {
  base();
  work.write(".pushgate.yaml", "version: 1\n");
  const std::string tip = work.commit_all("relax");
  set_server_ref("refs/heads/feature", tip);
  EXPECT_EQ(rules_of(judge(tip, rule())), std::vector<std::string>{"git/policy-admins"});
}

TEST_F(PolicyAdminsRuleTest, OtherFilesAndNoAdminsNeedNothing) {
  base();
  work.write("apps/a.yaml", "a: 1\n");
  EXPECT_TRUE(judge(work.commit_all("a"), rule()).empty());
  work.write(".pushgate.yaml", "version: 1\n");
  RefRuleConfig none = rule();
  none.reviews->policy_admins.clear();
  EXPECT_TRUE(judge(work.commit_all("b"), none).empty());
}

}  // namespace
}  // namespace pushgate
