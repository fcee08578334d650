// WorkTree: the work tree a path belongs to (from a file, a folder, a nested folder; none outside
// git or in a bare repository) and git's ignore rules as libgit2 reads them, on real repositories
// made with the real git.
#include "core/git/work_tree.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/git/library.h"
#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::TempRepo;
using testing::write_file;

std::string canonical(const std::string& path) {
  return fs::canonical(path).string();
}

class WorkTreeTest : public ::testing::Test {
 protected:
  GitLibrary git;
  TempRepo repo = TempRepo::init();
};

TEST_F(WorkTreeTest, FoundFromTheRootANestedFolderAndAFile) {
  repo.write("clusters/prod/app.yaml", "kind: Pod\n");
  for (const std::string& start :
       {repo.path(), repo.path() + "/clusters/prod", repo.path() + "/clusters/prod/app.yaml"}) {
    std::optional<WorkTree> tree = WorkTree::discover(start);
    ASSERT_TRUE(tree) << start;
    EXPECT_EQ(canonical(tree->root()), canonical(repo.path())) << start;
    EXPECT_NE(tree->root().back(), '/') << tree->root();
  }
}

TEST_F(WorkTreeTest, AFileThatDoesNotExistYetBelongsToTheTreeOfItsFolder) {
  repo.write("clusters/base.yaml", "kind: Service\n");
  std::optional<WorkTree> tree = WorkTree::discover(repo.path() + "/clusters/new.yaml");
  ASSERT_TRUE(tree);
  EXPECT_EQ(canonical(tree->root()), canonical(repo.path()));
}

TEST_F(WorkTreeTest, ARepositoryInsideAnotherIsItsOwnTree) {
  repo.write("README", "outer\n");
  const std::string inner = repo.path() + "/vendor/inner";
  fs::create_directories(inner);
  testing::CommandResult init = testing::run_command(
      {"git", "init", "-q", "-b", "main", inner}, repo.path(), "", testing::git_test_environment());
  ASSERT_EQ(init.exit_code, 0) << init.err;
  std::optional<WorkTree> tree = WorkTree::discover(inner);
  ASSERT_TRUE(tree);
  EXPECT_EQ(canonical(tree->root()), canonical(inner));
}

TEST(WorkTree, NoneOutsideGitNorInABareRepository) {
  GitLibrary git;
  TempDir plain;
  write_file(plain / "app.yaml", "kind: Pod\n");
  EXPECT_FALSE(WorkTree::discover(plain.path()));
  EXPECT_FALSE(WorkTree::discover(plain / "app.yaml"));
  TempRepo bare = TempRepo::init_bare();
  EXPECT_FALSE(WorkTree::discover(bare.path()));
}

TEST_F(WorkTreeTest, IgnoreRulesFromEveryPlaceGitReadsThem) {
  repo.write(".gitignore", "*.dec.yaml\n!keep.dec.yaml\nbuild/\n");
  repo.write("clusters/.gitignore", "local-*.yaml\n");
  repo.write("build/out.yaml", "a: 1\n");
  repo.write("clusters/build", "a file named build, not a folder\n");
  write_file(repo.path() + "/.git/info/exclude", "scratch.yaml\n");
  TempDir home;
  write_file(home / "excludes", "*.swp\n");
  repo.git({"config", "core.excludesFile", home / "excludes"});

  std::optional<WorkTree> tree = WorkTree::discover(repo.path());
  ASSERT_TRUE(tree);
  EXPECT_TRUE(tree->ignored("secret.dec.yaml"));                // .gitignore
  EXPECT_TRUE(tree->ignored("clusters/prod/secret.dec.yaml"));  // at any depth
  EXPECT_FALSE(tree->ignored("keep.dec.yaml"));                 // negated
  EXPECT_TRUE(tree->ignored("build/"));                         // a folder rule, for the folder
  EXPECT_TRUE(tree->ignored("build/out.yaml"));                 // and what is in it
  EXPECT_FALSE(tree->ignored("clusters/build"));                // not for a file of that name
  EXPECT_TRUE(tree->ignored("clusters/local-dev.yaml"));        // a nested .gitignore
  EXPECT_FALSE(tree->ignored("local-dev.yaml"));                // only below its folder
  EXPECT_TRUE(tree->ignored("scratch.yaml"));                   // .git/info/exclude
  EXPECT_TRUE(tree->ignored("clusters/app.yaml.swp"));          // core.excludesFile
  EXPECT_FALSE(tree->ignored("clusters/app.yaml"));
}

TEST_F(WorkTreeTest, TheRulesAloneDecideEvenForATrackedFile) {
  // ignored() is libgit2's git_ignore_path_is_ignored: the rules, whatever the index holds. A
  // change here changes what `pushgate check PATH` walks past (core/source/check_paths.h).
  repo.write("secret.dec.yaml", "a: 1\n");
  repo.commit_all("tracked before the rule");
  repo.write(".gitignore", "*.dec.yaml\n");
  std::optional<WorkTree> tree = WorkTree::discover(repo.path());
  ASSERT_TRUE(tree);
  EXPECT_TRUE(tree->ignored("secret.dec.yaml"));
  EXPECT_TRUE(tree->tracked("secret.dec.yaml"));  // which is why check_paths asks both
}

TEST_F(WorkTreeTest, TrackedIsWhatTheIndexHolds) {
  repo.write("clusters/prod/app.yaml", "a: 1\n");
  repo.commit_all("one file");
  repo.write("clusters/staging/new.yaml", "a: 1\n");  // written, never added
  std::optional<WorkTree> tree = WorkTree::discover(repo.path());
  ASSERT_TRUE(tree);
  EXPECT_TRUE(tree->tracked("clusters/prod/app.yaml"));
  EXPECT_TRUE(tree->tracked("clusters/"));  // a folder holding a tracked file
  EXPECT_TRUE(tree->tracked("clusters/prod/"));
  EXPECT_FALSE(tree->tracked("clusters/staging/new.yaml"));
  EXPECT_FALSE(tree->tracked("clusters/staging/"));
  EXPECT_FALSE(tree->tracked("cluster/"));  // a prefix of a name is not a folder
}

}  // namespace
}  // namespace pushgate
