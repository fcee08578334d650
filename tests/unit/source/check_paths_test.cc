// What `pushgate check PATH...` reads: paths relative to the repository root whatever folder is
// named or current, ignored files skipped while walking (but not when named), a missing path an
// error; outside git, one folder is its own root, else the current directory. Real repositories
// made with the real git.
#include "core/source/check_paths.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

namespace fs = std::filesystem;
using testing::paths_of;
using testing::TempDir;
using testing::TempRepo;
using testing::write_file;

// Runs the test body in another current directory; puts the old one back.
class ScopedCwd {
 public:
  explicit ScopedCwd(const std::string& dir) : old_(fs::current_path()) { fs::current_path(dir); }
  ~ScopedCwd() { fs::current_path(old_); }
  ScopedCwd(const ScopedCwd&) = delete;
  ScopedCwd& operator=(const ScopedCwd&) = delete;

 private:
  fs::path old_;
};

std::vector<std::string> listed(const std::vector<std::string>& paths) {
  Result<std::unique_ptr<DirectorySnapshot>> snap = open_check_paths(paths);
  EXPECT_TRUE(snap) << snap.error().message;
  if (!snap) return {};
  return paths_of(snap.value()->entries());
}

class CheckPathsInRepository : public ::testing::Test {
 protected:
  void SetUp() override {
    repo.write(".gitignore", "*.dec.yaml\nrendered/\n");
    repo.write("clusters/prod/app.yaml", "kind: Pod\n");
    repo.write("clusters/prod/secret.dec.yaml", "password: x\n");
    repo.write("clusters/prod/rendered/out.yaml", "kind: Pod\n");
    repo.write("clusters/staging/app.yaml", "kind: Pod\n");
    repo.write("apps/web.yaml", "kind: Service\n");
  }
  TempRepo repo = TempRepo::init();
};

TEST_F(CheckPathsInRepository, AFolderIsReadRelativeToTheRepositoryRoot) {
  EXPECT_EQ(listed({repo.path() + "/clusters/prod"}),
            (std::vector<std::string>{"clusters/prod/app.yaml"}));
}

TEST_F(CheckPathsInRepository, RelativeToTheRootFromAnyCurrentFolder) {
  ScopedCwd cwd(repo.path() + "/clusters");
  EXPECT_EQ(listed({"prod"}), (std::vector<std::string>{"clusters/prod/app.yaml"}));
  EXPECT_EQ(listed({"staging/app.yaml", "../apps"}),
            (std::vector<std::string>{"apps/web.yaml", "clusters/staging/app.yaml"}));
}

TEST_F(CheckPathsInRepository, IgnoredFilesAndFoldersAreSkippedWhileWalking) {
  const std::vector<std::string> all = listed({repo.path()});
  EXPECT_EQ(all, (std::vector<std::string>{".gitignore", "apps/web.yaml", "clusters/prod/app.yaml",
                                           "clusters/staging/app.yaml"}));
}

TEST_F(CheckPathsInRepository, ATrackedFileIsWalkedWhateverTheIgnoreRulesSay) {
  // Committed before the rule that matches it: git keeps pushing it, so the server judges it.
  repo.write(".gitignore", "");
  repo.commit_all("tracked first");
  repo.write(".gitignore", "*.dec.yaml\nrendered/\n");
  EXPECT_EQ(listed({repo.path() + "/clusters/prod"}),
            (std::vector<std::string>{"clusters/prod/app.yaml", "clusters/prod/rendered/out.yaml",
                                      "clusters/prod/secret.dec.yaml"}));
}

TEST_F(CheckPathsInRepository, AnIgnoredFileNamedExplicitlyIsChecked) {
  EXPECT_EQ(listed({repo.path() + "/clusters/prod/secret.dec.yaml"}),
            (std::vector<std::string>{"clusters/prod/secret.dec.yaml"}));
}

TEST_F(CheckPathsInRepository, APathThatDoesNotExistIsAnError) {
  const std::string missing = repo.path() + "/clusters/nope";
  Result<std::unique_ptr<DirectorySnapshot>> snap =
      open_check_paths({repo.path() + "/clusters/prod", missing});
  ASSERT_FALSE(snap);
  EXPECT_EQ(snap.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(snap.error().message, missing + ": no such file or directory");
}

TEST_F(CheckPathsInRepository, APathOutsideTheRepositoryIsAnError) {
  TempDir outside;
  write_file(outside / "app.yaml", "kind: Pod\n");
  Result<std::unique_ptr<DirectorySnapshot>> snap =
      open_check_paths({repo.path() + "/clusters", outside / "app.yaml"});
  ASSERT_FALSE(snap);
  EXPECT_NE(snap.error().message.find("is outside"), std::string::npos) << snap.error().message;
}

TEST(CheckPathsOutsideGit, OneFolderIsItsOwnRoot) {
  TempDir plain;
  write_file(plain / "clusters/app.yaml", "kind: Pod\n");
  write_file(plain / "clusters/secret.dec.yaml", "password: x\n");
  write_file(plain / ".gitignore", "*.dec.yaml\n");  // no repository: no ignore rules
  EXPECT_EQ(listed({plain / "clusters"}),
            (std::vector<std::string>{"app.yaml", "secret.dec.yaml"}));
}

TEST(CheckPathsOutsideGit, SeveralPathsOrAFileAreRelativeToTheCurrentFolder) {
  TempDir plain;
  write_file(plain / "clusters/app.yaml", "kind: Pod\n");
  write_file(plain / "apps/web.yaml", "kind: Service\n");
  ScopedCwd cwd(plain.path());
  EXPECT_EQ(listed({"clusters", "apps/web.yaml"}),
            (std::vector<std::string>{"apps/web.yaml", "clusters/app.yaml"}));
  EXPECT_EQ(listed({"clusters/app.yaml"}), (std::vector<std::string>{"clusters/app.yaml"}));
}

}  // namespace
}  // namespace pushgate
