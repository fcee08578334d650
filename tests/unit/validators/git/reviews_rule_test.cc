// git/reviews: approval trailers on the new commits (or on the merge that brings them), distinct,
// never the author's own, from listed reviewers when set; a listed merge bot pusher needs none.
#include "tests/unit/validators/git/git_rule_harness.h"

namespace pushgate {
namespace {

class ReviewsRuleTest : public testing::GitRuleHarness {
 protected:
  static RefRuleConfig rule(std::uint64_t approvals, std::vector<std::string> reviewers = {},
                            std::vector<std::string> merge_bots = {}) {
    RefRuleConfig r;
    ReviewsConfig reviews;
    reviews.approvals = approvals;
    reviews.reviewers = std::move(reviewers);
    reviews.merge_bots = std::move(merge_bots);
    r.reviews = std::move(reviews);
    return r;
  }
  static bool says(const Finding& f, const std::string& text) {
    return f.message.find(text) != std::string::npos;
  }
};

// The harness's author is "Test Author <author@example.com>".
TEST_F(ReviewsRuleTest, EnoughDistinctApprovalsPassTooFewAreRejected) {
  const std::string two = commit_message(
      "feat: x\n\nReviewed-by: Bob <bob@example.com>\napproved-by: Carol <carol@example.com>\n");
  EXPECT_TRUE(judge(two, rule(2)).empty());

  const std::string same_twice = commit_message(
      "feat: y\n\nReviewed-by: Bob <bob@example.com>\nApproved-by: Bob <BOB@example.com>\n");
  FindingList found = judge(same_twice, rule(2));
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/reviews"});
  EXPECT_EQ(found[0].commit, same_twice);
  EXPECT_EQ(found[0].ref, "refs/heads/main");
  EXPECT_TRUE(says(found[0], "has 1 of 2 approvals")) << found[0].message;
  EXPECT_TRUE(says(found[0], "counted: Bob <bob@example.com>")) << found[0].message;
}

TEST_F(ReviewsRuleTest, NoTrailerIsRejectedAndATrailerInTheSubjectDoesNotCount) {
  const std::string tip = commit_message("Reviewed-by: Bob <bob@example.com>\n\nbody\n");
  FindingList found = judge(tip, rule(1));
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/reviews"});
  EXPECT_TRUE(says(found[0], "has 0 of 1 approvals")) << found[0].message;
}

TEST_F(ReviewsRuleTest, TheAuthorsOwnApprovalIsNotCounted) {
  const std::string by_email = commit_message("x\n\nReviewed-by: Someone <AUTHOR@example.com>\n");
  FindingList found = judge(by_email, rule(1));
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/reviews"});
  EXPECT_TRUE(says(found[0], "Someone <AUTHOR@example.com> (the author)")) << found[0].message;

  set_server_ref("refs/heads/main", by_email);  // judge the next commit alone
  const std::string by_name = commit_message("y\n\nReviewed-by: Test Author <other@example.com>\n");
  EXPECT_EQ(rules_of(judge(by_name, rule(1))), std::vector<std::string>{"git/reviews"});
}

TEST_F(ReviewsRuleTest, OnlyListedReviewersCountByEmailOrName) {
  const std::string tip = commit_message(
      "x\n\nReviewed-by: Mallory <mallory@example.com>\nReviewed-by: Bob <bob@example.com>\n");
  EXPECT_TRUE(judge(tip, rule(1, {"BOB@example.com"})).empty());
  EXPECT_TRUE(judge(tip, rule(1, {"bob"})).empty());
  FindingList found = judge(tip, rule(1, {"carol@example.com"}));
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/reviews"});
  EXPECT_TRUE(says(found[0], "Mallory <mallory@example.com> (not a listed reviewer)"))
      << found[0].message;
  EXPECT_TRUE(says(found[0], "listed reviewers (carol@example.com)")) << found[0].message;
}

TEST_F(ReviewsRuleTest, AMergeCommitsApprovalsCoverTheCommitsItBrings) {
  const std::string base = commit_message("base");
  set_server_ref("refs/heads/main", base);
  work.git({"checkout", "-q", "-b", "topic"});
  const std::string first = commit_message("topic 1");
  const std::string second = commit_message("topic 2");
  work.git({"checkout", "-q", "main"});
  work.git({"merge", "-q", "--no-ff", "topic", "-m",
            "Merge topic\n\nReviewed-by: Bob <bob@example.com>"});
  const std::string merge = work.head();
  EXPECT_TRUE(judge(merge, rule(1)).empty());

  // A commit on the first-parent line is not brought by the merge: it needs its own approvals.
  work.git({"reset", "-q", "--hard", base});
  const std::string direct = commit_message("direct on main");
  work.git({"merge", "-q", "--no-ff", "topic", "-m",
            "Merge topic\n\nReviewed-by: Bob <bob@example.com>"});
  FindingList found = judge(work.head(), rule(1));
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/reviews"});
  EXPECT_EQ(found[0].commit, direct);
  (void)first;
  (void)second;
}

TEST_F(ReviewsRuleTest, AListedMergeBotPusherNeedsNoApprovals) {
  const std::string tip = commit_message("unreviewed");
  EXPECT_TRUE(judge(tip, rule(1, {}, {"merge-bot"}), Pusher{"merge-bot", "GL_USER"}).empty());
  EXPECT_EQ(rules_of(judge(tip, rule(1, {}, {"merge-bot"}), Pusher{"alice", "GL_USER"})),
            std::vector<std::string>{"git/reviews"});
  EXPECT_EQ(rules_of(judge(tip, rule(1, {}, {"merge-bot"}))),
            std::vector<std::string>{"git/reviews"});
}

TEST_F(ReviewsRuleTest, CustomTrailerKeysReplaceTheDefaults) {
  RefRuleConfig custom = rule(1);
  custom.reviews->trailers = {"Acked-by"};
  const std::string acked = commit_message("x\n\nAcked-by: Bob <bob@example.com>\n");
  EXPECT_TRUE(judge(acked, custom).empty());
  const std::string reviewed = commit_message("y\n\nReviewed-by: Bob <bob@example.com>\n");
  EXPECT_EQ(rules_of(judge(reviewed, custom)), std::vector<std::string>{"git/reviews"});
}

}  // namespace
}  // namespace pushgate
