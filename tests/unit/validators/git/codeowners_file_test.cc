// The CODEOWNERS parser and matcher: gitignore-style patterns, last match wins, owners checked,
// malformed lines reported with line and column.
#include "validators/git/codeowners_file.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

CodeownersFile parse_ok(std::string_view text) {
  std::vector<CodeownersProblem> problems;
  CodeownersFile file = CodeownersFile::parse(text, problems);
  EXPECT_TRUE(problems.empty()) << problems.front().message;
  return file;
}

// The pattern of the line owning `path`, "" when none does.
std::string owner_line(const CodeownersFile& file, std::string_view path) {
  const CodeownersLine* line = file.owners_of(path);
  return line == nullptr ? "" : line->pattern;
}

TEST(CodeownersFileTest, LastMatchingLineWinsAndCommentsAreSkipped) {
  const CodeownersFile file = parse_ok(
      "# owners\n"
      "*            @everyone   # trailing comment\n"
      "\n"
      "*.tf         @infra\n"
      "/clusters/   @alice bob@example.com\r\n");
  EXPECT_EQ(file.size(), 3u);
  EXPECT_EQ(owner_line(file, "README.md"), "*");
  EXPECT_EQ(owner_line(file, "deep/x/main.tf"), "*.tf");
  const CodeownersLine* line = file.owners_of("clusters/prod/main.tf");
  ASSERT_NE(line, nullptr);
  EXPECT_EQ(line->pattern, "/clusters/");
  EXPECT_EQ(line->line, 5u);
  EXPECT_EQ(line->owners, (std::vector<std::string>{"@alice", "bob@example.com"}));
}

TEST(CodeownersFileTest, AnchoredAndUnanchoredPatterns) {
  const CodeownersFile file = parse_ok(
      "/build/logs/ @a\n"
      "apps/        @b\n"
      "docs         @c\n"
      "src/*.go     @d\n");
  EXPECT_EQ(owner_line(file, "build/logs/x.log"), "/build/logs/");
  EXPECT_EQ(owner_line(file, "sub/build/logs/x.log"), "");  // anchored at the root
  EXPECT_EQ(owner_line(file, "apps/a.yaml"), "apps/");
  EXPECT_EQ(owner_line(file, "x/y/apps/z/a.yaml"), "apps/");  // no inner '/': any depth
  EXPECT_EQ(owner_line(file, "apps"), "");                    // a file named apps: not a folder
  EXPECT_EQ(owner_line(file, "docs"), "docs");                // a file or a folder
  EXPECT_EQ(owner_line(file, "a/docs/b/c.md"), "docs");
  EXPECT_EQ(owner_line(file, "src/main.go"), "src/*.go");
  EXPECT_EQ(owner_line(file, "lib/src/main.go"), "");  // an inner '/' anchors
  EXPECT_EQ(owner_line(file, "src/x/main.go"), "");    // '*' stays within a segment
}

TEST(CodeownersFileTest, StarLastSegmentOwnsDirectChildrenOnlyAndDoubleStarSpans) {
  const CodeownersFile file = parse_ok(
      "docs/*        @docs\n"
      "**/secrets/** @sec\n"
      "a/**/b.yaml   @ab\n"
      "?.txt         @q\n");
  EXPECT_EQ(owner_line(file, "docs/intro.md"), "docs/*");
  EXPECT_EQ(owner_line(file, "docs/guides/x.md"), "");
  EXPECT_EQ(owner_line(file, "x/secrets/y/z.enc"), "**/secrets/**");
  EXPECT_EQ(owner_line(file, "secrets/z.enc"), "**/secrets/**");
  EXPECT_EQ(owner_line(file, "a/b.yaml"), "a/**/b.yaml");
  EXPECT_EQ(owner_line(file, "a/x/y/b.yaml"), "a/**/b.yaml");
  EXPECT_EQ(owner_line(file, "k/z.txt"), "?.txt");
  EXPECT_EQ(owner_line(file, "zz.txt"), "");
}

TEST(CodeownersFileTest, ALineWithoutOwnersLeavesPathsUnowned) {
  const CodeownersFile file = parse_ok("* @all\n/vendor/\n");
  const CodeownersLine* line = file.owners_of("vendor/lib/a.go");
  ASSERT_NE(line, nullptr);
  EXPECT_TRUE(line->owners.empty());
  EXPECT_EQ(owner_line(file, "main.go"), "*");
}

TEST(CodeownersFileTest, EscapedBlankAndHashBelongToThePattern) {
  const CodeownersFile file = parse_ok("my\\ file.txt @a\n\\#notes @b\n");
  EXPECT_EQ(owner_line(file, "x/my file.txt"), "my\\ file.txt");
  EXPECT_EQ(owner_line(file, "#notes"), "\\#notes");
}

TEST(CodeownersFileTest, OwnersMayBeUsersTeamsOrEmails) {
  const CodeownersFile file = parse_ok("* @alice @my-org/Platform_Team alice.b@example.co.uk\n");
  EXPECT_EQ(file.owners_of("x")->owners.size(), 3u);
}

struct BadLine {
  const char* name;
  const char* text;
  std::uint32_t line;
  std::uint32_t column;
  const char* says;
};

class CodeownersFileBadTest : public ::testing::TestWithParam<BadLine> {};

TEST_P(CodeownersFileBadTest, IsReportedWithLineAndColumn) {
  const BadLine& bad = GetParam();
  std::vector<CodeownersProblem> problems;
  CodeownersFile::parse(bad.text, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].position.line, bad.line);
  EXPECT_EQ(problems[0].position.column, bad.column);
  EXPECT_NE(problems[0].message.find(bad.says), std::string::npos) << problems[0].message;
}

INSTANTIATE_TEST_SUITE_P(
    Lines, CodeownersFileBadTest,
    ::testing::Values(BadLine{"BadOwner", "* @ok\n/apps/ alice\n", 2, 8, "owner \"alice\""},
                      BadLine{"BadTeam", "x @org/team/sub\n", 1, 3, "@org/team/sub"},
                      BadLine{"Negation", "# c\n\n  !secret @a\n", 3, 3, "negated pattern"},
                      BadLine{"Section", "[Docs] @a\ndocs/ @a\n", 1, 1, "GitLab sections"},
                      BadLine{"BadGlob", "a/[z-a] @a\n", 1, 1, "pattern \"a/[z-a]\""}),
    [](const ::testing::TestParamInfo<BadLine>& info) { return info.param.name; });

}  // namespace
}  // namespace pushgate
