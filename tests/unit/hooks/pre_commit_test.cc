#include <gtest/gtest.h>

#include <sstream>

#include "hooks/hooks.h"
#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::TempRepo;

const std::string kGood = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n";
const std::string kDuplicateKey =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  name: again\n";

struct HookRun {
  int exit_code = -1;
  std::string err;
};

HookRun pre_commit(const TempRepo& work, std::map<std::string, std::string> env = {},
                   const std::string& config_path = "") {
  HookOptions options;
  options.directory = work.path();
  options.environment = Environment(std::move(env));
  options.config_path = config_path;
  std::ostringstream err;
  HookRun run;
  run.exit_code = run_pre_commit(options, err);
  run.err = err.str();
  return run;
}

TEST(PreCommit, StagedBrokenFileRejects) {
  TempRepo work = TempRepo::init();  // unborn branch: no HEAD yet
  work.write("apps/app.yaml", kDuplicateKey);
  work.git({"add", "apps/app.yaml"});
  HookRun run = pre_commit(work);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("apps/app.yaml:5:3"), std::string::npos) << run.err;
}

TEST(PreCommit, ChecksTheIndexNotTheWorkingTree) {
  TempRepo work = TempRepo::init();
  work.write("apps/app.yaml", kGood);
  work.commit_all("good");
  work.write("apps/app.yaml", kGood + "data:\n  a: \"1\"\n");
  work.git({"add", "apps/app.yaml"});
  work.write("apps/app.yaml", kDuplicateKey);  // broken, but not staged
  HookRun run = pre_commit(work);
  EXPECT_EQ(run.exit_code, 0) << run.err;

  work.git({"add", "apps/app.yaml"});
  work.write("apps/app.yaml", kGood);  // fixed, but the broken version is what gets committed
  HookRun staged_broken = pre_commit(work);
  EXPECT_EQ(staged_broken.exit_code, 1) << staged_broken.err;
}

TEST(PreCommit, NothingStagedExitsSilently) {
  TempRepo work = TempRepo::init();
  work.write("apps/app.yaml", kDuplicateKey);
  work.commit_all("broken, committed before pushgate");
  work.write("README.md", "# docs\n");
  work.git({"add", "README.md"});
  HookRun run = pre_commit(work);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
}

TEST(PreCommit, HonoursGitIndexFile) {
  TempRepo work = TempRepo::init();
  work.write("apps/app.yaml", kGood);
  work.commit_all("good");
  // `git commit PATH` stages into a temporary index and points GIT_INDEX_FILE at it.
  const std::string temporary_index = work.path() + "/.git/next-index";
  work.git({"read-tree", "--index-output=" + temporary_index, "HEAD"});
  work.write("apps/app.yaml", kDuplicateKey);
  ASSERT_EQ(work.try_git({"add", "apps/app.yaml"}, {{"GIT_INDEX_FILE", temporary_index}}).exit_code,
            0);
  work.git({"checkout", "--", "apps/app.yaml"});
  EXPECT_EQ(pre_commit(work).exit_code, 0);
  HookRun run = pre_commit(work, {{"GIT_INDEX_FILE", ".git/next-index"}});
  EXPECT_EQ(run.exit_code, 1) << run.err;
}

TEST(PreCommit, ReadsDotPushgateYamlAndRejectsABrokenOne) {
  TempRepo work = TempRepo::init();
  work.write(".pushgate.yaml", "version: 1\nfiles:\n  exclude: [\"apps/**\"]\n");
  work.write("apps/app.yaml", kDuplicateKey);
  work.git({"add", "-A"});
  EXPECT_EQ(pre_commit(work).exit_code, 0);

  work.write(".pushgate.yaml", "version: 1\nvalidate: sometimes\n");
  HookRun broken = pre_commit(work);
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.err.find(".pushgate.yaml"), std::string::npos) << broken.err;
}

TEST(PreCommit, WorksInALinkedWorktree) {
  TempRepo work = TempRepo::init();
  work.write("apps/app.yaml", kGood);
  work.commit_all("good");
  const std::string tree = work.path() + "/wt";
  work.git({"worktree", "add", "-q", "-b", "side", tree});
  testing::write_file(tree + "/apps/app.yaml", kDuplicateKey);
  ASSERT_EQ(testing::run_command({"git", "add", "apps/app.yaml"}, tree).exit_code, 0);
  HookOptions options;
  options.directory = tree;
  std::ostringstream err;
  EXPECT_EQ(run_pre_commit(options, err), 1) << err.str();
  EXPECT_NE(err.str().find("apps/app.yaml:5:3"), std::string::npos) << err.str();
  // The main working tree's index is untouched and clean.
  EXPECT_EQ(pre_commit(work).exit_code, 0);
}

TEST(PreCommit, OutsideARepositoryRejects) {
  testing::TempDir dir;
  HookOptions options;
  options.directory = dir.path();
  std::ostringstream err;
  EXPECT_EQ(run_pre_commit(options, err), 1);
  EXPECT_NE(err.str().find("internal/error"), std::string::npos) << err.str();
}

}  // namespace
}  // namespace pushgate
