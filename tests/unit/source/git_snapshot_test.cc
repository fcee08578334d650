#include <gtest/gtest.h>

#include "core/source/git_index_snapshot.h"
#include "core/source/git_tree_snapshot.h"
#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::entry_at;
using testing::paths_of;

using testing::TempRepo;

TEST(GitTreeSnapshot, ListsAndReadsACommitTree) {
  TempRepo work = TempRepo::init();
  work.write("clusters/prod/app.yaml", "kind: Pod\n");
  work.write("README.md", "# docs\n");
  work.symlink("/etc/passwd", "clusters/escape.yaml");
  work.git({"add", "-A"});
  work.git({"update-index", "--add", "--cacheinfo",
            "160000,2222222222222222222222222222222222222222,charts/sub"});
  work.git({"commit", "-q", "-m", "tree"});
  std::string head = work.head();
  work.write("clusters/prod/app.yaml", "kind: Changed\n");  // the working tree does not matter

  Result<Repository> repo = Repository::open(work.path());
  ASSERT_TRUE(repo);
  auto snap = GitTreeSnapshot::open(repo.value(), "HEAD", "refs/heads/main");
  ASSERT_TRUE(snap) << snap.error().message;
  const GitTreeSnapshot& s = *snap.value();
  EXPECT_EQ(s.commit(), head);
  EXPECT_EQ(s.describe(), "commit " + head.substr(0, 7) + " (refs/heads/main)");
  EXPECT_EQ(paths_of(s.entries()),
            (std::vector<std::string>{"README.md", "charts/sub", "clusters/escape.yaml",
                                      "clusters/prod/app.yaml"}));
  EXPECT_EQ(s.read(entry_at(s.entries(), "clusters/prod/app.yaml")).value(), "kind: Pod\n");
  const Entry& link = entry_at(s.entries(), "clusters/escape.yaml");
  EXPECT_EQ(link.mode, EntryMode::kSymlink);
  EXPECT_EQ(s.read(link).value(), "/etc/passwd");  // the target, never the target's content
  const Entry& sub = entry_at(s.entries(), "charts/sub");
  EXPECT_EQ(sub.mode, EntryMode::kSubmodule);
  Result<std::string> sub_bytes = s.read(sub);
  ASSERT_FALSE(sub_bytes);
  EXPECT_NE(sub_bytes.error().message.find("submodule"), std::string::npos);
}

// The tree before a push at the paths the push touched only (CheckRequest::base_at): the
// entries there, readable like any snapshot's; absent paths and folders left out.
TEST(GitTreeSnapshot, AtPathsHoldsOnlyTheEntriesAtThosePaths) {
  TempRepo work = TempRepo::init();
  work.write("apps/a/deploy.yaml", "kind: Deployment\n");
  work.write("apps/b/deploy.yaml", "kind: Other\n");
  work.write("README.md", "# docs\n");
  const std::string first = work.commit_all("one");
  work.remove("apps/a/deploy.yaml");
  work.commit_all("two");
  Result<Repository> repo = Repository::open(work.path());
  ASSERT_TRUE(repo);
  const std::vector<std::string> paths = {"apps/a/deploy.yaml", "apps/b", "nope.yaml", "README.md"};
  auto before = GitTreeSnapshot::at_paths(repo.value(), "HEAD~1", paths, "before");
  ASSERT_TRUE(before) << before.error().message;
  EXPECT_EQ(before.value()->commit(), first);
  EXPECT_EQ(before.value()->describe(), "commit " + first.substr(0, 7) + " (before)");
  EXPECT_EQ(paths_of(before.value()->entries()),
            (std::vector<std::string>{"README.md", "apps/a/deploy.yaml"}));
  EXPECT_EQ(before.value()->read(entry_at(before.value()->entries(), "apps/a/deploy.yaml")).value(),
            "kind: Deployment\n");
  auto after = GitTreeSnapshot::at_paths(repo.value(), "HEAD", paths);
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_EQ(paths_of(after.value()->entries()), std::vector<std::string>{"README.md"});
  EXPECT_FALSE(GitTreeSnapshot::at_paths(repo.value(), "does-not-exist", paths));
}

TEST(GitTreeSnapshot, UnknownRevisionIsNotFound) {
  TempRepo work = TempRepo::init();
  work.write("a.yaml", "a: 1\n");
  work.commit_all("one");
  Result<Repository> repo = Repository::open(work.path());
  auto snap = GitTreeSnapshot::open(repo.value(), "does-not-exist");
  ASSERT_FALSE(snap);
  EXPECT_EQ(snap.error().code, ErrorCode::kNotFound);
}

TEST(GitIndexSnapshot, ReadsStagedBlobsNotTheWorkingTree) {
  TempRepo work = TempRepo::init();
  work.write("app.yaml", "replicas: 1\n");
  work.commit_all("one");
  work.write("app.yaml", "replicas: 2\n");
  work.git({"add", "app.yaml"});
  work.write("app.yaml", "replicas: three\n");  // unstaged: not what git commit records
  work.write("new.yaml", "new: 1\n");
  work.git({"add", "new.yaml"});
  work.write("untracked.yaml", "u: 1\n");

  Result<Repository> repo = Repository::discover(work.path());
  ASSERT_TRUE(repo);
  auto snap = GitIndexSnapshot::open(repo.value());
  ASSERT_TRUE(snap) << snap.error().message;
  const Snapshot& s = *snap.value();
  EXPECT_EQ(s.describe(), "staged index");
  EXPECT_EQ(paths_of(s.entries()), (std::vector<std::string>{"app.yaml", "new.yaml"}));
  EXPECT_EQ(s.read(entry_at(s.entries(), "app.yaml")).value(), "replicas: 2\n");
  EXPECT_EQ(s.read(entry_at(s.entries(), "new.yaml")).value(), "new: 1\n");
}

}  // namespace
}  // namespace pushgate
