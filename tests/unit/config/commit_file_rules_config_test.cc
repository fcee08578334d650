// `commits:` and `files:` inside `refs:` entries: every key read, every mistake positioned.
#include <gtest/gtest.h>

#include "core/config/config.h"
#include "core/config/refs_config.h"

namespace pushgate {
namespace {

std::string describe(const FindingList& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += std::to_string(f.position.line) + ":" + std::to_string(f.position.column) + ": " +
           f.rule + ": " + f.message + "\n";
  }
  return out;
}

TEST(CommitFileRulesConfigTest, EveryKeyIsRead) {
  ConfigLoad load = load_config_text("pushgate.yaml", R"(version: 1
refs:
  - match: refs/heads/main
    commits:
      message_must_match: ['^(feat|fix)(\([a-z-]+\))?: \S']
      message_must_not_match: ['(?m)^(fixup|squash)! ', '\bWIP\b']
      subject_max_length: 72
      require_blank_second_line: true
      author_email: '.*@example\.com'
      committer_email: '.*@example\.org'
      committer_is_pusher: true
      require_signoff: true
    files:
      max_blob_size: 5MiB
      forbidden_paths: ['**/*.pem']
      forbidden_extensions: [.exe, .ZIP]
      text_only: ['**/*.yaml']
      symlinks: inside-tree
      deny_case_collisions: true
      max_path_length: 200
      deny_unsafe_names: true
      deny_submodules: true
)");
  ASSERT_TRUE(load.config) << describe(load.findings);
  const RefRuleConfig& rule = load.config->refs.at(0);
  const CommitRulesConfig& c = rule.commits;
  EXPECT_EQ(c.message_must_match, std::vector<std::string>{R"(^(feat|fix)(\([a-z-]+\))?: \S)"});
  EXPECT_EQ(c.message_must_not_match.size(), 2u);
  EXPECT_EQ(c.subject_max_length, 72u);
  EXPECT_TRUE(c.require_blank_second_line);
  EXPECT_EQ(c.author_email, R"(.*@example\.com)");
  EXPECT_EQ(c.committer_email, R"(.*@example\.org)");
  EXPECT_TRUE(c.committer_is_pusher);
  EXPECT_TRUE(c.require_signoff);
  EXPECT_TRUE(c.any());
  const FileRulesConfig& f = rule.files;
  EXPECT_EQ(f.max_blob_size, 5u * 1024 * 1024);
  EXPECT_EQ(f.forbidden_paths, std::vector<std::string>{"**/*.pem"});
  EXPECT_EQ(f.forbidden_extensions, (std::vector<std::string>{".exe", ".ZIP"}));
  EXPECT_EQ(f.text_only, std::vector<std::string>{"**/*.yaml"});
  EXPECT_EQ(f.symlinks, SymlinkPolicy::kInsideTree);
  EXPECT_TRUE(f.deny_case_collisions);
  EXPECT_EQ(f.max_path_length, 200u);
  EXPECT_TRUE(f.deny_unsafe_names);
  EXPECT_TRUE(f.deny_submodules);
  EXPECT_TRUE(f.any());
}

TEST(CommitFileRulesConfigTest, EmptySectionsEnforceNothing) {
  ConfigLoad load = load_config_text(
      "pushgate.yaml", "version: 1\nrefs: [{match: refs/**, commits: {}, files: {}}]\n");
  ASSERT_TRUE(load.config) << describe(load.findings);
  EXPECT_FALSE(load.config->refs[0].commits.any());
  EXPECT_FALSE(load.config->refs[0].files.any());
}

struct BadRules {
  const char* name;
  const char* yaml;
  std::uint32_t line;
  std::uint32_t column;
  const char* message_part;
};

class CommitFileRulesConfigErrorTest : public ::testing::TestWithParam<BadRules> {};

TEST_P(CommitFileRulesConfigErrorTest, IsPositionedAndExplained) {
  const BadRules& bad = GetParam();
  ConfigLoad load = load_config_text("pushgate.yaml", std::string("version: 1\n") + bad.yaml);
  EXPECT_FALSE(load.config);
  ASSERT_EQ(load.findings.size(), 1u) << describe(load.findings);
  const Finding& f = load.findings[0];
  EXPECT_EQ(f.rule, "config/invalid") << describe(load.findings);
  EXPECT_EQ(f.position, (Position{bad.line, bad.column})) << describe(load.findings);
  EXPECT_NE(f.message.find(bad.message_part), std::string::npos) << f.message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CommitFileRulesConfigErrorTest,
    ::testing::Values(
        BadRules{"unknown_commit_key",
                 "refs: [{match: refs/**, commits: {require_sign_off: true}}]\n", 2, 35,
                 "require_signoff"},
        BadRules{"bad_message_regex",
                 "refs: [{match: refs/**, commits: {message_must_match: ['a(']}}]\n", 2, 56,
                 "not a valid RE2 pattern"},
        BadRules{"patterns_not_list",
                 "refs: [{match: refs/**, commits: {message_must_not_match: WIP}}]\n", 2, 59,
                 "must be a list of RE2 patterns"},
        BadRules{"subject_zero", "refs: [{match: refs/**, commits: {subject_max_length: 0}}]\n", 2,
                 55, "subject_max_length"},
        BadRules{"pusher_not_bool",
                 "refs: [{match: refs/**, commits: {committer_is_pusher: yes please}}]\n", 2, 56,
                 "must be true or false"},
        BadRules{"unknown_file_key", "refs: [{match: refs/**, files: {max_blob_sise: 1MiB}}]\n", 2,
                 33, "max_blob_size"},
        BadRules{"bad_size", "refs: [{match: refs/**, files: {max_blob_size: 5 potatoes}}]\n", 2,
                 48, "max_blob_size"},
        BadRules{"extension_without_dot",
                 "refs: [{match: refs/**, files: {forbidden_extensions: [exe]}}]\n", 2, 56,
                 "starting with a dot"},
        BadRules{"bad_symlinks", "refs: [{match: refs/**, files: {symlinks: never}}]\n", 2, 43,
                 "inside-tree"},
        BadRules{"bad_glob", "refs: [{match: refs/**, files: {text_only: ['a[']}}]\n", 2, 45,
                 "text_only"}),
    [](const ::testing::TestParamInfo<BadRules>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace pushgate
