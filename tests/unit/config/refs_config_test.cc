#include "core/config/refs_config.h"

#include <gtest/gtest.h>

#include "core/config/config.h"

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

TEST(RefsConfigTest, EveryProtectKeyIsRead) {
  ConfigLoad load = load_config_text("pushgate.yaml", R"(version: 1
refs:
  - match: refs/heads/main
    protect:
      deny_non_fast_forward: true
      deny_deletion: true
      history: linear
      max_new_commits: 20
  - match: refs/tags/**
    protect: {deny_tag_move: true, deny_creation: true, creators: [release-bot]}
  - match: refs/heads/**
    protect: {name_pattern: 'refs/heads/(feature|fix)/.+', history: merges-only}
)");
  ASSERT_TRUE(load.config) << describe(load.findings);
  const std::vector<RefRuleConfig>& refs = load.config->refs;
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(refs[0].match, "refs/heads/main");
  EXPECT_EQ(refs[0].position, (Position{3, 5}));
  EXPECT_TRUE(refs[0].protect.deny_non_fast_forward);
  EXPECT_TRUE(refs[0].protect.deny_deletion);
  EXPECT_FALSE(refs[0].protect.deny_creation);
  EXPECT_EQ(refs[0].protect.history, HistoryMode::kLinear);
  EXPECT_EQ(refs[0].protect.max_new_commits, 20u);
  EXPECT_TRUE(refs[1].protect.deny_tag_move);
  EXPECT_TRUE(refs[1].protect.deny_creation);
  EXPECT_EQ(refs[1].protect.creators, std::vector<std::string>{"release-bot"});
  EXPECT_EQ(refs[2].protect.name_pattern, "refs/heads/(feature|fix)/.+");
  EXPECT_EQ(refs[2].protect.history, HistoryMode::kMergesOnly);
  EXPECT_FALSE(refs[2].protect.max_new_commits);
}

TEST(RefsConfigTest, NoSectionMeansNoGitRules) {
  ConfigLoad load = load_config_text("pushgate.yaml", "version: 1\n");
  ASSERT_TRUE(load.config);
  EXPECT_TRUE(load.config->refs.empty());
}

struct BadRefs {
  const char* name;
  const char* yaml;
  const char* rule;
  std::uint32_t line;
  std::uint32_t column;
  const char* message_part;
};

class RefsConfigErrorTest : public ::testing::TestWithParam<BadRefs> {};

TEST_P(RefsConfigErrorTest, IsPositionedAndExplained) {
  const BadRefs& bad = GetParam();
  ConfigLoad load = load_config_text("pushgate.yaml", std::string("version: 1\n") + bad.yaml);
  EXPECT_FALSE(load.config);
  ASSERT_EQ(load.findings.size(), 1u) << describe(load.findings);
  const Finding& f = load.findings[0];
  EXPECT_EQ(f.rule, bad.rule) << describe(load.findings);
  EXPECT_EQ(f.position, (Position{bad.line, bad.column})) << describe(load.findings);
  EXPECT_NE(f.message.find(bad.message_part), std::string::npos) << f.message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RefsConfigErrorTest,
    ::testing::Values(
        BadRefs{"not_a_list", "refs: {match: main}\n", "config/invalid", 2, 7, "must be a list"},
        BadRefs{"short_glob", "refs: [{match: main}]\n", "config/invalid", 2, 16,
                "starting with refs/"},
        BadRefs{"no_match", "refs: [{protect: {deny_deletion: true}}]\n", "config/invalid", 2, 8,
                "match"},
        BadRefs{"not_bool",
                "refs: [{match: refs/heads/main, protect: {deny_deletion: \"true\"}}]\n",
                "config/invalid", 2, 58, "must be true or false"},
        BadRefs{"bad_regex", "refs: [{match: refs/**, protect: {name_pattern: 'a('}}]\n",
                "config/invalid", 2, 49, "not a valid RE2 pattern"},
        BadRefs{"bad_history", "refs: [{match: refs/**, protect: {history: straight}}]\n",
                "config/invalid", 2, 44, "linear"},
        BadRefs{"zero_commits", "refs: [{match: refs/**, protect: {max_new_commits: 0}}]\n",
                "config/invalid", 2, 52, "max_new_commits"},
        BadRefs{"unknown_key", "refs: [{match: refs/**, protect: {deny_delete: true}}]\n",
                "config/invalid", 2, 35, "deny_deletion"},
        BadRefs{"zero_approvals", "refs: [{match: refs/**, reviews: {approvals: 0}}]\n",
                "config/invalid", 2, 46, "approvals"},
        BadRefs{"bad_trailer_key",
                "refs: [{match: refs/**, reviews: {trailers: ['Reviewed-by:']}}]\n",
                "config/invalid", 2, 46, "trailer key"},
        BadRefs{"empty_reviewers", "refs: [{match: refs/**, reviews: {reviewers: []}}]\n",
                "config/invalid", 2, 46, "non-empty list"},
        BadRefs{"reviews_typo", "refs: [{match: refs/**, reviews: {aprovals: 2}}]\n",
                "config/invalid", 2, 35, "approvals"},
        BadRefs{"codeowners_outside_repository",
                "refs: [{match: refs/**, reviews: {codeowners: ../CODEOWNERS}}]\n",
                "config/invalid", 2, 47, "inside the repository"},
        BadRefs{"codeowners_ref_alone",
                "refs: [{match: refs/**, reviews: {codeowners_ref: refs/heads/main}}]\n",
                "config/invalid", 2, 51, "only applies with `codeowners`"},
        BadRefs{"codeowners_file_missing",
                "refs: [{match: refs/**, reviews: {codeowners_file: /nonexistent/CODEOWNERS}}]\n",
                "config/invalid", 2, 52, "is not a readable file"},
        BadRefs{"empty_policy_admins", "refs: [{match: refs/**, reviews: {policy_admins: []}}]\n",
                "config/invalid", 2, 50, "non-empty list"}),
    [](const ::testing::TestParamInfo<BadRefs>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace pushgate
