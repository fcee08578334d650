#include "core/source/directory_snapshot.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::entry_at;
using testing::paths_of;

namespace fs = std::filesystem;
using testing::TempDir;
using testing::write_file;

// A tree with everything a walk must handle: nesting, .git, symlinks in and out, a FIFO.
class DirectorySnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(root / "clusters/prod/app.yaml", "kind: Pod\n");
    write_file(root / "clusters/base.yml", "kind: Service\n");
    write_file(root / "run.sh", "#!/bin/sh\n");
    fs::permissions(root / "run.sh", fs::perms::owner_exec, fs::perm_options::add);
    write_file(root / ".git/config", "[core]\n");
    write_file(root / "vendor/sub/.git", "gitdir: ../../.git/modules/sub\n");
    write_file(root / "vendor/sub/chart.yaml", "name: sub\n");
    write_file(outside / "secret.yaml", "password: hunter2\n");
    fs::create_symlink(outside / "secret.yaml", root / "clusters/escape.yaml");
    fs::create_symlink(outside.path(), root / "linked-dir");
    fs::create_symlink("prod/app.yaml", root / "clusters/alias.yaml");
    ASSERT_EQ(mkfifo((root / "clusters/pipe.yaml").c_str(), 0600), 0);
  }

  TempDir root;
  TempDir outside;
};

TEST_F(DirectorySnapshotTest, WalksWithoutFollowingSymlinksOrEnteringGit) {
  auto snap = DirectorySnapshot::open(root.path());
  ASSERT_TRUE(snap) << snap.error().message;
  const Snapshot& s = *snap.value();
  EXPECT_EQ(paths_of(s.entries()),
            (std::vector<std::string>{"clusters/alias.yaml", "clusters/base.yml",
                                      "clusters/escape.yaml", "clusters/prod/app.yaml",
                                      "linked-dir", "run.sh", "vendor/sub/chart.yaml"}));
  EXPECT_EQ(entry_at(s.entries(), "clusters/prod/app.yaml").mode, EntryMode::kFile);
  EXPECT_EQ(entry_at(s.entries(), "clusters/prod/app.yaml").size, 10u);
  EXPECT_TRUE(entry_at(s.entries(), "clusters/prod/app.yaml").size_known);
  EXPECT_EQ(entry_at(s.entries(), "run.sh").mode, EntryMode::kExecutable);
  EXPECT_EQ(entry_at(s.entries(), "linked-dir").mode, EntryMode::kSymlink);

  const Entry& escape = entry_at(s.entries(), "clusters/escape.yaml");
  EXPECT_EQ(escape.mode, EntryMode::kSymlink);
  EXPECT_EQ(s.read(escape).value(), outside / "secret.yaml");  // the target, not the secret
  EXPECT_EQ(s.read(entry_at(s.entries(), "clusters/alias.yaml")).value(), "prod/app.yaml");
  EXPECT_EQ(s.read(entry_at(s.entries(), "clusters/prod/app.yaml")).value(), "kind: Pod\n");
}

TEST_F(DirectorySnapshotTest, OpenPathsIsRelativeToTheRoot) {
  std::string cwd = fs::current_path().string();
  fs::current_path(root.path());
  auto snap = DirectorySnapshot::open_paths(
      ".", {"clusters/prod", "run.sh", "clusters/prod/app.yaml", root / "clusters/escape.yaml"});
  fs::current_path(cwd);
  ASSERT_TRUE(snap) << snap.error().message;
  EXPECT_EQ(paths_of(snap.value()->entries()),
            (std::vector<std::string>{"clusters/escape.yaml", "clusters/prod/app.yaml", "run.sh"}));
  EXPECT_EQ(snap.value()->root(), root.path());
  EXPECT_EQ(snap.value()->describe(), "directory .");
}

TEST_F(DirectorySnapshotTest, OpenPathsRefusesOutsideMissingAndSpecialFiles) {
  auto outside_root = DirectorySnapshot::open_paths(root.path(), {outside / "secret.yaml"});
  ASSERT_FALSE(outside_root);
  EXPECT_EQ(outside_root.error().code, ErrorCode::kInvalid);
  EXPECT_NE(outside_root.error().message.find("is outside"), std::string::npos);

  auto missing = DirectorySnapshot::open_paths(root.path(), {root / "nope.yaml"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  auto fifo = DirectorySnapshot::open_paths(root.path(), {root / "clusters/pipe.yaml"});
  ASSERT_FALSE(fifo);
  EXPECT_NE(fifo.error().message.find("not a regular file"), std::string::npos);
}

TEST_F(DirectorySnapshotTest, RootMustBeADirectory) {
  auto file_root = DirectorySnapshot::open(root / "run.sh");
  ASSERT_FALSE(file_root);
  EXPECT_EQ(file_root.error().code, ErrorCode::kInvalid);
  auto missing_root = DirectorySnapshot::open(root / "missing");
  ASSERT_FALSE(missing_root);
  EXPECT_EQ(missing_root.error().code, ErrorCode::kNotFound);
}

TEST_F(DirectorySnapshotTest, ReadRefusesAFileSwappedForASymlink) {
  auto snap = DirectorySnapshot::open(root.path());
  ASSERT_TRUE(snap);
  const Entry& app = entry_at(snap.value()->entries(), "clusters/prod/app.yaml");
  fs::remove(root / "clusters/prod/app.yaml");
  fs::create_symlink(outside / "secret.yaml", root / "clusters/prod/app.yaml");
  Result<std::string> bytes = snap.value()->read(app);
  ASSERT_FALSE(bytes);
  EXPECT_NE(bytes.error().message.find("became a symlink"), std::string::npos);
}

TEST_F(DirectorySnapshotTest, UnreadableDirectoryIsAnErrorNotASmallerSnapshot) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads every directory";
  write_file(root / "locked/x.yaml", "x: 1\n");
  fs::permissions(root / "locked", fs::perms::none);
  auto snap = DirectorySnapshot::open(root.path());
  fs::permissions(root / "locked", fs::perms::owner_all);
  ASSERT_FALSE(snap);
  EXPECT_EQ(snap.error().code, ErrorCode::kIo);
}

}  // namespace
}  // namespace pushgate
