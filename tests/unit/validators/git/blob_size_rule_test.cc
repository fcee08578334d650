// git/blob-size: every new blob of every new commit against files.max_blob_size.
#include "tests/unit/validators/git/git_rule_harness.h"

namespace pushgate {
namespace {

using BlobSizeRuleTest = testing::GitRuleHarness;

TEST_F(BlobSizeRuleTest, LargeBlobInAnEarlierCommitIsRejectedEvenWhenRemovedLater) {
  RefRuleConfig rule;
  rule.files.max_blob_size = 100;
  work.write("small.txt", std::string(100, 'a'));
  const std::string ok = work.commit_all("small");
  EXPECT_TRUE(judge(ok, rule).empty());

  work.write("big.bin", std::string(101, 'b'));
  const std::string big = work.commit_all("big");
  work.remove("big.bin");
  const std::string tip = work.commit_all("gone again");
  FindingList found = judge(tip, rule);
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/blob-size"});
  EXPECT_EQ(found[0].commit, big);
  EXPECT_EQ(found[0].path, "big.bin");
  EXPECT_EQ(found[0].ref, "refs/heads/main");
  EXPECT_NE(found[0].message.find("101 bytes, more than the 100B allowed"), std::string::npos);
}

TEST_F(BlobSizeRuleTest, UnchangedLargeFilesOfTheServerAreNotJudged) {
  work.write("big.bin", std::string(500, 'b'));
  set_server_ref("refs/heads/main", work.commit_all("old big file"));
  work.write("other.txt", "x");
  RefRuleConfig rule;
  rule.files.max_blob_size = 100;
  EXPECT_TRUE(judge(work.commit_all("small change"), rule).empty());
}

TEST_F(BlobSizeRuleTest, MergeJudgesOnlyWhatNeitherSideHad) {
  work.write("a.txt", "a");
  const std::string base = work.commit_all("base");
  work.git({"checkout", "-q", "-b", "side"});
  work.write("side.bin", std::string(300, 's'));
  const std::string side = work.commit_all("side big");
  set_server_ref("refs/heads/side", side);  // already on the server
  work.git({"checkout", "-q", "main"});
  work.write("b.txt", "b");
  work.commit_all("main change");
  work.git({"merge", "-q", "--no-ff", "-m", "merge side", "side"});
  set_server_ref("refs/heads/main", base);
  RefRuleConfig rule;
  rule.files.max_blob_size = 100;
  EXPECT_TRUE(judge(work.head(), rule).empty());
}

}  // namespace
}  // namespace pushgate
