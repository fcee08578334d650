#include "core/base/glob.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pushgate {
namespace {

struct MatchCase {
  const char* name;
  const char* glob;
  const char* path;
  bool matches;
};

class GlobMatchTest : public ::testing::TestWithParam<MatchCase> {};

TEST_P(GlobMatchTest, MatchesLikeGitignore) {
  const MatchCase& c = GetParam();
  Result<GlobSet> set = GlobSet::compile({c.glob});
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_EQ(set.value().matches(c.path), c.matches)
      << "glob " << c.glob << " (regex " << GlobSet::to_regex(c.glob) << ") on " << c.path;
}

const MatchCase kMatchCases[] = {
    {"star_within_segment", "clusters/*.yaml", "clusters/app.yaml", true},
    {"star_stops_at_slash", "clusters/*.yaml", "clusters/prod/app.yaml", false},
    {"base_name_anywhere", "*.yaml", "a/b/c.yaml", true},
    {"base_name_at_root", "*.yaml", "c.yaml", true},
    {"base_name_not_suffix_of_dir", "*.yaml", "c.yaml/readme", false},
    {"double_star_prefix_zero_dirs", "**/*.yml", "app.yml", true},
    {"double_star_prefix_many_dirs", "**/*.yml", "a/b/c/app.yml", true},
    {"double_star_suffix", "clusters/**", "clusters/prod/x/app.yaml", true},
    {"double_star_suffix_other_dir", "clusters/**", "clusterz/app.yaml", false},
    {"double_star_middle_zero", "apps/**/base.yaml", "apps/base.yaml", true},
    {"double_star_middle_many", "apps/**/base.yaml", "apps/a/b/base.yaml", true},
    {"double_star_middle_not_partial", "apps/**/base.yaml", "apps/xbase.yaml", false},
    {"double_star_inside_segment_is_star", "a**b/c", "axxb/c", true},
    {"double_star_inside_segment_no_slash", "a**b/c", "ax/xb/c", false},
    {"slash_anchors_to_root", "clusters/app.yaml", "x/clusters/app.yaml", false},
    {"leading_slash_anchors", "/app.yaml", "app.yaml", true},
    {"leading_slash_not_anywhere", "/app.yaml", "x/app.yaml", false},
    {"leading_dot_slash_anchors", "./app.yaml", "app.yaml", true},
    {"trailing_slash_is_everything_below", "charts/", "charts/x/templates/a.yaml", true},
    {"trailing_slash_not_sibling", "charts/", "charts.yaml", false},
    {"question_one_char", "v?.json", "v1.json", true},
    {"question_not_two", "v?.json", "v12.json", false},
    {"question_not_slash", "a?b", "a/b", false},
    {"question_one_unicode_char", "caf?.yaml", "café.yaml", true},
    {"class_range", "v[0-9].yaml", "v7.yaml", true},
    {"class_range_miss", "v[0-9].yaml", "vx.yaml", false},
    {"class_negated_bang", "[!_]*.yaml", "app.yaml", true},
    {"class_negated_bang_miss", "[!_]*.yaml", "_app.yaml", false},
    {"class_negated_caret", "[^_]*.yaml", "_app.yaml", false},
    {"class_negated_never_slash", "a[!x]b", "a/b", false},
    {"class_bracket_first_literal", "[]]x", "]x", true},
    {"class_dash_last_literal", "[a-]x", "-x", true},
    {"class_unicode_range", "[à-ü]", "é", true},
    {"escaped_star_literal", "a\\*b", "a*b", true},
    {"escaped_star_not_wildcard", "a\\*b", "axb", false},
    {"regex_metachars_literal", "a.b+(c)|d$", "a.b+(c)|d$", true},
    {"dot_is_not_any_char", "a.yaml", "axyaml", false},
    {"unicode_literal", "dépôt/*.yaml", "dépôt/a.yaml", true},
    {"everything", "**", "any/path/at/all", true},
    {"newline_in_path", "**", "a\nb/c", true},
    {"malformed_utf8_path_star", "*.yaml", "a/\xff\xfe.yaml", true},
    {"malformed_utf8_path_question", "?.yaml", "\xff.yaml", true},
    {"stray_continuation_byte_keeps_slash", "dir/**", "dir/\x80x.yaml", true},
    {"case_sensitive", "*.YAML", "a.yaml", false},
    {"hidden_files_match_star", "*.yaml", ".hidden.yaml", true},
};

INSTANTIATE_TEST_SUITE_P(Glob, GlobMatchTest, ::testing::ValuesIn(kMatchCases),
                         [](const auto& info) { return std::string(info.param.name); });

struct InvalidCase {
  const char* name;
  const char* glob;
  const char* message;
};

class GlobInvalidTest : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(GlobInvalidTest, IsRejectedNamingTheGlob) {
  const InvalidCase& c = GetParam();
  Result<GlobSet> set = GlobSet::compile({"*.yaml", c.glob});
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(set.error().message, c.message);
  EXPECT_EQ(GlobSet::to_regex(c.glob), "");
}

const InvalidCase kInvalidCases[] = {
    {"unbalanced_bracket", "v[0-9.yaml",
     "invalid glob \"v[0-9.yaml\": '[' is never closed; add ']' or write '\\[' for a literal '['"},
    {"empty_class_is_unbalanced", "[]",
     "invalid glob \"[]\": '[' is never closed; add ']' or write '\\[' for a literal '['"},
    {"trailing_backslash", "a\\", "invalid glob \"a\\\": ends with '\\'; escape it as '\\\\'"},
    {"reversed_range", "[z-a]",
     "invalid glob \"[z-a]\": character range is reversed; write the smaller character first"},
    {"slash_in_class", "a[/]b",
     "invalid glob \"a[/]b\": a character class never matches '/'; use '*' or '**' instead"},
    {"range_spanning_slash", "[+-0]",
     "invalid glob \"[+-0]\": a character class never matches '/'; use '*' or '**' instead"},
    {"empty", "", "invalid glob \"\": a glob must not be empty"},
    {"root_only", "/", "invalid glob \"/\": matches no file; name a path below the root"},
};

INSTANTIATE_TEST_SUITE_P(Glob, GlobInvalidTest, ::testing::ValuesIn(kInvalidCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(GlobSetTest, AnyGlobOfTheSetMatches) {
  Result<GlobSet> set = GlobSet::compile({"clusters/**", "*.json", "apps/?/kustomization.yaml"});
  ASSERT_TRUE(set);
  EXPECT_TRUE(set.value().matches("clusters/prod/app.yaml"));
  EXPECT_TRUE(set.value().matches("deep/dir/settings.json"));
  EXPECT_TRUE(set.value().matches("apps/a/kustomization.yaml"));
  EXPECT_FALSE(set.value().matches("apps/ab/kustomization.yaml"));
  EXPECT_FALSE(set.value().matches("README.md"));
  EXPECT_FALSE(set.value().empty());
}

TEST(GlobSetTest, EmptySetMatchesNothing) {
  Result<GlobSet> set = GlobSet::compile({});
  ASSERT_TRUE(set);
  EXPECT_TRUE(set.value().empty());
  EXPECT_FALSE(set.value().matches("a.yaml"));
  EXPECT_FALSE(set.value().matches(""));
}

TEST(GlobSetTest, MovedSetKeepsMatching) {
  Result<GlobSet> set = GlobSet::compile({"*.yaml"});
  ASSERT_TRUE(set);
  GlobSet moved = std::move(set).value();
  EXPECT_TRUE(moved.matches("x/a.yaml"));
  GlobSet assigned = std::move(GlobSet::compile({"*.json"}).value());
  assigned = std::move(moved);
  EXPECT_TRUE(assigned.matches("a.yaml"));
  EXPECT_FALSE(assigned.matches("a.json"));
}

TEST(GlobSetTest, TranslatesToTheDocumentedRegex) {
  EXPECT_EQ(GlobSet::to_regex("*.yaml"), "(?:(?:.*/)?[^/]*\\x{2E}yaml)");
  EXPECT_EQ(GlobSet::to_regex("clusters/**"), "(?:clusters/.*)");
  EXPECT_EQ(GlobSet::to_regex("a/**/b"), "(?:a/(?:.*/)?b)");
  EXPECT_EQ(GlobSet::to_regex("[!a-c]"), "(?:(?:.*/)?[^/a-c])");
}

TEST(GlobSetTest, ManyGlobsCompileIntoOneSet) {
  std::vector<std::string> globs;
  for (int i = 0; i < 500; ++i) globs.push_back("dir" + std::to_string(i) + "/**/*.yaml");
  Result<GlobSet> set = GlobSet::compile(globs);
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_TRUE(set.value().matches("dir499/x/y.yaml"));
  EXPECT_FALSE(set.value().matches("dir500/x/y.yaml"));
}

}  // namespace
}  // namespace pushgate
