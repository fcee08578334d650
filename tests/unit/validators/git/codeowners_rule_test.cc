// git/codeowners: owned paths need an owner's approval trailer or an owner as pusher; the
// CODEOWNERS file comes from the ref's old tip (or codeowners_ref on creation, or the server),
// never from the push; a broken or missing file fails closed.
#include "validators/git/codeowners_rule.h"

#include <fstream>

#include "tests/unit/validators/git/git_rule_harness.h"

namespace pushgate {
namespace {

class CodeownersRuleTest : public testing::GitRuleHarness {
 protected:
  static RefRuleConfig rule(std::string codeowners = "CODEOWNERS", std::string ref = "") {
    RefRuleConfig r;
    ReviewsConfig reviews;
    reviews.approvals = 0;
    reviews.codeowners = std::move(codeowners);
    reviews.codeowners_ref = std::move(ref);
    r.reviews = std::move(reviews);
    return r;
  }
  // main on the server holds `codeowners` as CODEOWNERS.
  std::string base(const std::string& codeowners) {
    work.write("CODEOWNERS", codeowners);
    work.write("README.md", "hello\n");
    const std::string id = work.commit_all("base");
    set_server_ref("refs/heads/main", id);
    return id;
  }
  std::string change(const std::string& path, const std::string& message) {
    work.write(path, "x: 1\n");
    return work.commit_all(message);
  }
  static bool says(const Finding& f, const std::string& text) {
    return f.message.find(text) != std::string::npos;
  }
};

// The harness's author is "Test Author <author@example.com>".
TEST_F(CodeownersRuleTest, OwnedPathWithoutOwnerApprovalIsRejected) {
  base("# owners\n/clusters/ @alice bob@example.com\n");
  const std::string tip = change("clusters/prod/app.yaml", "scale\n\nReviewed-by: Carol <c@x.org>");
  FindingList found = judge(tip, rule(), Pusher{"carol", "GL_USER"});
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/codeowners"});
  EXPECT_EQ(found[0].ref, "refs/heads/main");
  EXPECT_EQ(found[0].commit, tip);
  EXPECT_EQ(found[0].path, "clusters/prod/app.yaml");
  EXPECT_TRUE(says(found[0], "owned by @alice, bob@example.com")) << found[0].message;
  EXPECT_TRUE(says(found[0], "CODEOWNERS at ")) << found[0].message;
  EXPECT_TRUE(says(found[0], ":2 \"/clusters/\"")) << found[0].message;
  EXPECT_TRUE(says(found[0], "pushed by carol, not an owner")) << found[0].message;
}

TEST_F(CodeownersRuleTest, UnownedPathsNeedNothing) {
  base("/clusters/ @alice\n");
  EXPECT_TRUE(judge(change("apps/a.yaml", "feat"), rule()).empty());
}

TEST_F(CodeownersRuleTest, OwnerApprovalByNameOrEmailIsAccepted) {
  base("/clusters/ @alice bob@example.com\n");
  const std::string by_name = change("clusters/a.yaml", "a\n\nReviewed-by: ALICE <a@x.org>");
  EXPECT_TRUE(judge(by_name, rule()).empty());
  const std::string by_email =
      change("clusters/b.yaml", "b\n\nApproved-by: Robert <Bob@Example.com>");
  EXPECT_TRUE(judge(by_email, rule()).empty());
  // A trailer name "bob" is not the owner bob@example.com: emails match emails.
  const std::string wrong = change("clusters/c.yaml", "c\n\nReviewed-by: bob");
  EXPECT_EQ(rules_of(judge(wrong, rule())), std::vector<std::string>{"git/codeowners"});
}

TEST_F(CodeownersRuleTest, TheAuthorsOwnApprovalDoesNotCount) {
  base("/clusters/ author@example.com\n");
  const std::string tip = change("clusters/a.yaml", "a\n\nReviewed-by: Me <author@example.com>");
  EXPECT_EQ(rules_of(judge(tip, rule())), std::vector<std::string>{"git/codeowners"});
}

TEST_F(CodeownersRuleTest, AnOwnerPusherNeedsNoApproval) {
  base("/clusters/ @Alice\n");
  const std::string tip = change("clusters/a.yaml", "a");
  EXPECT_TRUE(judge(tip, rule(), Pusher{"alice", "REMOTE_USER"}).empty());
}

TEST_F(CodeownersRuleTest, NoPusherAndNoApprovalSaysWhichVariablesWereRead) {
  base("* @alice\n");
  FindingList found = judge(change("a.yaml", "a"), rule());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(says(found[0], "who pushed is unknown")) << found[0].message;
  EXPECT_TRUE(says(found[0], "REMOTE_USER")) << found[0].message;
}

TEST_F(CodeownersRuleTest, DeletionsOfOwnedPathsCount) {
  base("README.md @alice\n");
  work.remove("README.md");
  const std::string tip = work.commit_all("drop readme");
  FindingList found = judge(tip, rule());
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/codeowners"});
  EXPECT_EQ(found[0].path, "README.md");
}

TEST_F(CodeownersRuleTest, ThePushCannotMakeItsPusherAnOwner) {
  base("* @alice\n");
  work.write("CODEOWNERS", "* @alice @mallory\n");
  work.write("x.yaml", "x: 1\n");
  const std::string tip = work.commit_all("take over");
  FindingList found = judge(tip, rule(), Pusher{"mallory", "GL_USER"});
  EXPECT_EQ(found.size(), 2u);  // CODEOWNERS and x.yaml, both owned by @alice at the old tip
  for (const Finding& f : found) EXPECT_TRUE(says(f, "owned by @alice (")) << f.message;
}

TEST_F(CodeownersRuleTest, AMergeApprovedByAnOwnerCoversItsBranchAndJudgesItsOwnEdits) {
  const std::string start = base("/clusters/ @alice\n");
  work.git({"checkout", "-q", "-b", "topic"});
  change("clusters/a.yaml", "a\n\nReviewed-by: alice <a@x.org>");  // approved on its own
  work.git({"checkout", "-q", "main"});
  work.git({"merge", "-q", "--no-ff", "topic", "-m", "Merge topic"});
  EXPECT_TRUE(judge(work.head(), rule()).empty());  // the merge takes a.yaml as approved

  // An edit of the merge's own (an "evil merge") is judged on the merge.
  work.write("clusters/a.yaml", "x: 2\n");
  work.git({"commit", "-q", "--amend", "-a", "--no-edit"});
  FindingList found = judge(work.head(), rule());
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/codeowners"});
  EXPECT_EQ(found[0].commit, work.head());

  work.git({"reset", "-q", "--hard", start});
  work.git({"checkout", "-q", "topic"});
  work.git({"reset", "-q", "--hard", start});
  change("clusters/b.yaml", "b");  // not approved on its own
  work.git({"checkout", "-q", "main"});
  work.git({"merge", "-q", "--no-ff", "topic", "-m", "Merge topic", "-m",
            "Reviewed-by: alice <a@x.org>"});
  EXPECT_TRUE(judge(work.head(), rule()).empty());
}

// Every commit the ref gains is judged, not only those new to the repository.
TEST_F(CodeownersRuleTest, ABranchPushedElsewhereFirstStillNeedsItsOwners) {
  base("/clusters/ @alice\n");
  const std::string tip = change("clusters/a.yaml", "a");
  set_server_ref("refs/heads/feature", tip);  // accepted where nothing guards it
  FindingList found = judge(tip, rule());     // main fast-forwards: no commit is new
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/codeowners"});
  EXPECT_EQ(found[0].commit, tip);
  EXPECT_TRUE(judge(tip, rule(), Pusher{"alice", "GL_USER"}).empty());
}

TEST_F(CodeownersRuleTest, CreationReadsCodeownersRefOrFailsClosed) {
  base("* @alice\n");
  const std::string tip = change("a.yaml", "a");
  FindingList no_ref = judge(tip, rule(), std::nullopt, "refs/heads/feature");
  ASSERT_EQ(rules_of(no_ref), std::vector<std::string>{"git/codeowners"});
  EXPECT_TRUE(says(no_ref[0], "codeowners_ref")) << no_ref[0].message;

  FindingList with_ref =
      judge(tip, rule("CODEOWNERS", "refs/heads/main"), std::nullopt, "refs/heads/feature2");
  ASSERT_EQ(rules_of(with_ref), std::vector<std::string>{"git/codeowners"});
  EXPECT_EQ(with_ref[0].path, "a.yaml");
  EXPECT_TRUE(judge(tip, rule("CODEOWNERS", "refs/heads/main"), Pusher{"alice", "GL_USER"},
                    "refs/heads/feature3")
                  .empty());
}

TEST_F(CodeownersRuleTest, AMissingOrBrokenFileFailsClosed) {
  base("/apps/ alice\n");  // an owner without '@' and not an email
  FindingList broken = judge(change("apps/a.yaml", "a"), rule());
  ASSERT_EQ(rules_of(broken), std::vector<std::string>{"git/codeowners"});
  EXPECT_EQ(broken[0].path, "CODEOWNERS");
  EXPECT_EQ(broken[0].position.line, 1u);
  EXPECT_EQ(broken[0].position.column, 8u);

  FindingList missing = judge(work.head(), rule(".github/CODEOWNERS"));
  ASSERT_EQ(rules_of(missing), std::vector<std::string>{"git/codeowners"});
  EXPECT_TRUE(says(missing[0], ".github/CODEOWNERS cannot be read")) << missing[0].message;
}

TEST_F(CodeownersRuleTest, AServerFileIsReadInstead) {
  base("* @nobody\n");
  testing::TempDir dir;
  const std::string path = dir / "CODEOWNERS";
  std::ofstream(path) << "*.yaml @alice\n";
  RefRuleConfig r = rule("");
  r.reviews->codeowners_file = path;
  FindingList found = judge(change("a.yaml", "a"), r);
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/codeowners"});
  EXPECT_TRUE(says(found[0], "owned by @alice (" + path + ":1")) << found[0].message;
  EXPECT_TRUE(judge(work.head(), r, Pusher{"alice", "GL_USER"}).empty());
}

}  // namespace
}  // namespace pushgate
