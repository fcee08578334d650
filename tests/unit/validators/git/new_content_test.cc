// What the commit and file rules judge: each commit's new entries (against every parent) and the
// lines of a message.
#include "validators/git/new_content.h"

#include "tests/unit/validators/git/git_rule_harness.h"

namespace pushgate {
namespace {

using NewContentTest = testing::GitRuleHarness;

TEST_F(NewContentTest, MergeBringsOnlyItsOwnEditsAndEntriesAreNotRepeated) {
  work.write("a.txt", "a\n");
  work.commit_all("base");
  work.git({"checkout", "-q", "-b", "side"});
  work.write("side.txt", "side\n");
  const std::string side = work.commit_all("side");
  work.git({"checkout", "-q", "main"});
  work.write("main.txt", "main\n");
  const std::string main_work = work.commit_all("main");
  // An "evil" merge: it also edits a.txt, which neither parent has in that form.
  work.git({"merge", "-q", "--no-ff", "--no-commit", "side"});
  work.write("a.txt", "edited in the merge\n");
  const std::string merge = work.commit_all("merge side");

  Result<Repository> repo = Repository::open(work.path());
  ASSERT_TRUE(repo);
  Result<std::vector<CommitInfo>> commits =
      read_commits(repo.value(), std::vector<std::string>{side, main_work, merge});
  ASSERT_TRUE(commits) << commits.error().message;
  Result<std::vector<CommitEntries>> entries = new_entries(repo.value(), commits.value());
  ASSERT_TRUE(entries) << entries.error().message;
  ASSERT_EQ(entries.value().size(), 3u);
  EXPECT_EQ(entries.value()[0].commit, side);
  EXPECT_EQ(testing::paths_of(entries.value()[0].entries), std::vector<std::string>{"side.txt"});
  EXPECT_EQ(testing::paths_of(entries.value()[1].entries), std::vector<std::string>{"main.txt"});
  EXPECT_EQ(entries.value()[2].commit, merge);
  EXPECT_EQ(testing::paths_of(entries.value()[2].entries), std::vector<std::string>{"a.txt"});
}

TEST(MessageLinesTest, SplitsOnNewlinesAndNumbersFromOne) {
  EXPECT_EQ(message_lines("subject\r\n\nbody\n"),
            (std::vector<std::string_view>{"subject", "", "body"}));
  EXPECT_TRUE(message_lines("").empty());
  EXPECT_EQ(message_line_at("a\nb\nc", 0), 1u);
  EXPECT_EQ(message_line_at("a\nb\nc", 2), 2u);
  EXPECT_EQ(message_line_at("a\nb\nc", 4), 3u);
}

}  // namespace
}  // namespace pushgate
