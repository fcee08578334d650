#include "core/base/replace_file.h"

#include <gtest/gtest.h>
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

}  // namespace
}  // namespace pushgate
