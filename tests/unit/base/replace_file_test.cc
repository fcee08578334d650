#include "core/base/replace_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace pushgate {
namespace {

namespace fs = std::filesystem;

class ReplaceFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("pushgate-replace-file-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }
  // Nothing but `name` in the folder: no temporary file left behind.
  static bool only(const fs::path& dir, const std::string& name) {
    std::size_t count = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().filename() != name) return false;
      ++count;
    }
    return count == 1;
  }

  fs::path dir_;
};

TEST_F(ReplaceFile, WritesThePartsInOrderAndReplacesTheOldFile) {
  const std::string path = (dir_ / "index").string();
  ASSERT_TRUE(replace_file(path, {"old"}));
  ASSERT_TRUE(replace_file(path, {"head|", "", "kept|", "new"}));
  EXPECT_EQ(read(path), "head|kept|new");
  EXPECT_TRUE(only(dir_, "index"));
}

TEST_F(ReplaceFile, CreatesMissingParentFolders) {
  const fs::path path = dir_ / "pushgate" / "deeper" / "tree-listing";
  ASSERT_TRUE(replace_file(path.string(), {"listing"}));
  EXPECT_EQ(read(path), "listing");
}

TEST_F(ReplaceFile, AFailureLeavesTheOldFileAndNoTemporaryFile) {
  const fs::path path = dir_ / "index";
  ASSERT_TRUE(replace_file(path.string(), {"old"}));
  // A folder in the way of the target: the rename fails, the folder and its content stay.
  fs::remove(path);
  fs::create_directories(path / "inside");
  const Status status = replace_file(path.string(), {"new"});
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("rename"), std::string::npos) << status.error().message;
  EXPECT_TRUE(fs::is_directory(path / "inside"));
  EXPECT_TRUE(only(dir_, "index"));
}

TEST_F(ReplaceFile, AParentThatIsAFileIsAnError) {
  ASSERT_TRUE(replace_file((dir_ / "file").string(), {"x"}));
  const Status status = replace_file((dir_ / "file" / "index").string(), {"y"});
  ASSERT_FALSE(status);
  EXPECT_EQ(read(dir_ / "file"), "x");
}

// A hook must be 0755 and a config snapshot 0600 whatever the umask; a file replaced keeps no
// bit of the old one's mode.
TEST_F(ReplaceFile, AGivenModeIsExactWhateverTheUmask) {
  const fs::path hook = dir_ / "pre-receive";
  const fs::path secret = dir_ / "config.snapshot";
  const mode_t old_mask = ::umask(0077);
  ASSERT_TRUE(replace_file(hook.string(), {"#!/bin/sh\n"}, 0755));
  ::umask(0);
  ASSERT_TRUE(replace_file(secret.string(), {"[http]\n"}, 0600));
  ASSERT_TRUE(replace_file((dir_ / "plain").string(), {"x"}));
  ::umask(old_mask);
  EXPECT_EQ(fs::status(hook).permissions(), fs::perms(0755));
  EXPECT_EQ(fs::status(secret).permissions(), fs::perms(0600));
  EXPECT_EQ(fs::status(dir_ / "plain").permissions(), fs::perms(0666));
  ASSERT_TRUE(replace_file(secret.string(), {"[core]\n"}, 0640));
  EXPECT_EQ(fs::status(secret).permissions(), fs::perms(0640));
  EXPECT_EQ(read(secret), "[core]\n");
}

}  // namespace
}  // namespace pushgate
