#include "core/audit/audit_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::TempDir;

std::vector<std::string> lines_of(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(AuditFileTest, CreatesTheFileAndAppendsWholeLines) {
  TempDir dir;
  const std::string path = dir / "audit.jsonl";
  ASSERT_TRUE(append_line(path, R"({"n":1})"));
  ASSERT_TRUE(append_line(path, R"({"n":2})"));
  EXPECT_EQ(lines_of(path), (std::vector<std::string>{R"({"n":1})", R"({"n":2})"}));
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
}

TEST(AuditFileTest, ALineBreakInsideALineIsRefused) {
  TempDir dir;
  Status s = append_line(dir / "audit.jsonl", "one\ntwo");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalid);
}

TEST(AuditFileTest, AMissingFolderIsAnErrorNamingThePath) {
  TempDir dir;
  Status s = append_line(dir / "missing/audit.jsonl", "x");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kIo);
  EXPECT_NE(s.error().message.find("missing/audit.jsonl"), std::string::npos) << s.error().message;
}

TEST(AuditFileTest, ADirectoryIsNotALog) {
  TempDir dir;
  EXPECT_FALSE(append_line(dir.path(), "x"));
}

// Many writers, long lines (beyond PIPE_BUF): every line arrives whole and on its own.
TEST(AuditFileTest, ConcurrentWritersNeverInterleave) {
  TempDir dir;
  const std::string path = dir / "audit.jsonl";
  constexpr int kThreads = 8;
  constexpr int kLines = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string line(8000, static_cast<char>('a' + t));
      for (int i = 0; i < kLines; ++i) ASSERT_TRUE(append_line(path, line));
    });
  }
  for (std::thread& t : threads) t.join();
  const std::vector<std::string> lines = lines_of(path);
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(kThreads * kLines));
  for (const std::string& line : lines) {
    ASSERT_EQ(line.size(), 8000u);
    EXPECT_EQ(line.find_first_not_of(line[0]), std::string::npos);
  }
}

}  // namespace
}  // namespace pushgate
