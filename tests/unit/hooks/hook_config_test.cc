#include "hooks/hook_config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::TempDir;
using testing::write_file;

TEST(ServerConfig, LookupOrderIsExplicitThenGitDirThenSystem) {
  TempDir dir;
  const std::string git_dir = dir / "app.git", system = dir / "etc/pushgate.yaml",
                    explicit_path = dir / "explicit.yaml";
  // Nothing anywhere: built-in defaults.
  ConfigLoad defaults = load_server_config("", git_dir, system);
  ASSERT_TRUE(defaults.config);
  EXPECT_EQ(defaults.config->origin, "");

  write_file(system, "version: 1\nvalidate: every-commit\n");
  ConfigLoad from_system = load_server_config("", git_dir, system);
  ASSERT_TRUE(from_system.config);
  EXPECT_EQ(from_system.config->validate, ValidateMode::kEveryCommit);

  write_file(git_dir + "/pushgate.yaml", "version: 1\nvalidate: tip\n");
  ConfigLoad from_repo = load_server_config("", git_dir, system);
  ASSERT_TRUE(from_repo.config);
  EXPECT_EQ(from_repo.config->validate, ValidateMode::kTip);

  write_file(explicit_path, "version: 1\non_internal_error: accept\n");
  ConfigLoad from_flag = load_server_config(explicit_path, git_dir, system);
  ASSERT_TRUE(from_flag.config);
  EXPECT_EQ(from_flag.config->on_internal_error, FailureMode::kAccept);
}

TEST(ServerConfig, ABrokenFileNeverFallsThroughToTheNextPlace) {
  TempDir dir;
  write_file(dir / "app.git/pushgate.yaml", "version: 1\nvalidate: sometimes\n");
  write_file(dir / "etc.yaml", "version: 1\n");
  ConfigLoad load = load_server_config("", dir / "app.git", dir / "etc.yaml");
  EXPECT_FALSE(load.config);
  EXPECT_FALSE(load.findings.empty());
}

TEST(ServerConfig, AMissingExplicitFileIsAnError) {
  TempDir dir;
  ConfigLoad load = load_server_config(dir / "nope.yaml", dir.path(), "");
  EXPECT_FALSE(load.config);
  ASSERT_FALSE(load.findings.empty());
  EXPECT_NE(load.findings[0].message.find("nope.yaml"), std::string::npos);
}

TEST(LocalHookConfig, ReadsDotPushgateYamlAtTheWorkTreeRoot) {
  TempDir dir;
  EXPECT_TRUE(load_local_hook_config("", dir.path()).config);
  write_file(dir / ".pushgate.yaml", "version: 1\nvalidate: every-commit\n");
  ConfigLoad load = load_local_hook_config("", dir.path());
  ASSERT_TRUE(load.config);
  EXPECT_EQ(load.config->validate, ValidateMode::kEveryCommit);
}

TEST(ServerConfig, ADanglingLinkInGitDirFailsClosedAndNeverFallsThrough) {
  TempDir dir;
  write_file(dir / "app.git/HEAD", "ref: refs/heads/main\n");
  write_file(dir / "etc.yaml", "version: 1\n");
  ASSERT_EQ(::symlink("/nonexistent/policy/pushgate.yaml", (dir / "app.git/pushgate.yaml").c_str()),
            0);
  ConfigLoad load = load_server_config("", dir / "app.git", dir / "etc.yaml");
  EXPECT_FALSE(load.config);  // neither the system file nor the defaults
  ASSERT_EQ(load.findings.size(), 1u);
  EXPECT_EQ(load.findings[0].rule, "config/unreadable");
  EXPECT_NE(load.findings[0].message.find(
                "dangling symbolic link to /nonexistent/policy/pushgate.yaml"),
            std::string::npos)
      << load.findings[0].message;
  EXPECT_NE(load.findings[0].message.find(dir / "app.git/pushgate.yaml"), std::string::npos);
}

TEST(ServerConfig, ADanglingSystemLinkFailsClosedToo) {
  TempDir dir;
  ASSERT_EQ(::symlink("gone.yaml", (dir / "etc.yaml").c_str()), 0);
  ConfigLoad load = load_server_config("", dir / "app.git", dir / "etc.yaml");
  EXPECT_FALSE(load.config);
  ASSERT_FALSE(load.findings.empty());
  EXPECT_NE(load.findings[0].message.find("dangling symbolic link to gone.yaml"), std::string::npos);
}

TEST(LocalHookConfig, ADanglingLinkFailsClosed) {
  TempDir dir;
  ASSERT_EQ(::symlink("elsewhere.yaml", (dir / ".pushgate.yaml").c_str()), 0);
  ConfigLoad load = load_local_hook_config("", dir.path());
  EXPECT_FALSE(load.config);
  ASSERT_FALSE(load.findings.empty());
  EXPECT_NE(load.findings[0].message.find("dangling symbolic link"), std::string::npos);
}

TEST(ServerConfig, ALiveLinkIsFollowed) {
  TempDir dir;
  write_file(dir / "policy/pushgate.yaml", "version: 1\nvalidate: tip\n");
  write_file(dir / "app.git/HEAD", "ref: refs/heads/main\n");
  ASSERT_EQ(::symlink((dir / "policy/pushgate.yaml").c_str(),
                      (dir / "app.git/pushgate.yaml").c_str()),
            0);
  ConfigLoad load = load_server_config("", dir / "app.git", "");
  ASSERT_TRUE(load.config);
  EXPECT_EQ(load.config->validate, ValidateMode::kTip);
}

}  // namespace
}  // namespace pushgate
