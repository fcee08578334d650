#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "core/config/config.h"
#include "test_paths.h"
#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string describe(const FindingList& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += f.path + ":" + std::to_string(f.position.line) + ":" +
           std::to_string(f.position.column) + ": " + f.rule + ": " + f.message + "\n";
  }
  return out;
}

TEST(ConfigLoaderTest, MinimalConfigKeepsEveryDefault) {
  ConfigLoad load = load_config_text("pushgate.yaml", "version: 1\n");
  ASSERT_TRUE(load.config) << describe(load.findings);
  EXPECT_TRUE(load.findings.empty());
  const Config& c = *load.config;
  const Config defaults;
  EXPECT_EQ(c.version, 1);
  EXPECT_EQ(c.files.include, defaults.files.include);
  EXPECT_EQ(c.files.exclude, defaults.files.exclude);
  EXPECT_EQ(c.files.max_size, 16u * 1024 * 1024);  // issue 13, class 8
  EXPECT_EQ(c.files.max_depth, 256u);
  EXPECT_EQ(c.files.max_expanded_nodes, 1'000'000u);
  EXPECT_EQ(c.validate, ValidateMode::kTip);
  EXPECT_EQ(c.validate_refs, defaults.validate_refs);
  EXPECT_EQ(c.on_internal_error, FailureMode::kReject);
  EXPECT_EQ(c.origin, "pushgate.yaml");
}

TEST(ConfigLoaderTest, EveryKeyIsRead) {
  ConfigLoad load = load_config_file(PUSHGATE_TEST_FIXTURES "/config/valid/full.yaml");
  ASSERT_TRUE(load.config) << describe(load.findings);
  const Config& c = *load.config;
  EXPECT_EQ(c.files.include, (std::vector<std::string>{"clusters/**", "apps/**/*.yaml", "*.json"}));
  EXPECT_EQ(c.files.exclude,
            (std::vector<std::string>{"**/charts/**/templates/**", ".vscode/", "[!a-z]*.yml"}));
  EXPECT_EQ(c.files.max_size, 512u * 1024);
  EXPECT_EQ(c.files.max_depth, 64u);
  EXPECT_EQ(c.files.max_expanded_nodes, 200'000u);
  EXPECT_EQ(c.validate, ValidateMode::kEveryCommit);
  EXPECT_EQ(c.validate_refs,
            (std::vector<std::string>{"refs/heads/main", "refs/heads/release-*", "refs/tags/v*"}));
  EXPECT_EQ(c.on_internal_error, FailureMode::kAccept);
  EXPECT_EQ(c.origin, PUSHGATE_TEST_FIXTURES "/config/valid/full.yaml");
}

TEST(ConfigLoaderTest, SizesAcceptIntegersAndUnits) {
  const std::pair<const char*, std::uint64_t> cases[] = {
      {"2097152", 2097152}, {"\"4096\"", 4096}, {"512KiB", 512 * 1024}, {"2MiB", 2 << 20},
      {"1GiB", 1ull << 30}, {"500KB", 500'000}, {"10MB", 10'000'000},   {"\"1 MiB\"", 1 << 20},
  };
  for (const auto& [text, bytes] : cases) {
    ConfigLoad load =
        load_config_text("p.yaml", std::string("version: 1\nfiles:\n  max_size: ") + text + "\n");
    ASSERT_TRUE(load.config) << text << "\n" << describe(load.findings);
    EXPECT_EQ(load.config->files.max_size, bytes) << text;
  }
}

// One finding expected from a config text: the rule, where, and the exact message.
struct ErrorCase {
  const char* name;
  const char* yaml;
  const char* rule;
  std::uint32_t line;
  std::uint32_t column;
  std::uint32_t span;
  const char* message;
};

class ConfigErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ConfigErrorTest, ReportsExactlyOneFindingAtTheOffendingNode) {
  const ErrorCase& c = GetParam();
  ConfigLoad load = load_config_text("repo/pushgate.yaml", c.yaml);
  EXPECT_FALSE(load.config);
  ASSERT_EQ(load.findings.size(), 1u) << describe(load.findings);
  const Finding& f = load.findings[0];
  EXPECT_EQ(f.rule, c.rule);
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_EQ(f.path, "repo/pushgate.yaml");
  EXPECT_EQ(f.position, (Position{c.line, c.column}));
  EXPECT_EQ(f.span, c.span);
  EXPECT_EQ(f.message, c.message);
}

const ErrorCase kErrorCases[] = {
    {"unknown_key_near_miss", "version: 1\nvalidat: tip\n", "config/invalid", 2, 1, 7,
     "unknown key \"validat\", did you mean `validate`"},
    {"unknown_key_far", "version: 1\nreplicas: 3\n", "config/invalid", 2, 1, 8,
     "unknown key \"replicas\"; expected one of version, files, validate, validate_refs, "
     "on_internal_error, policies, kubernetes, refs, opa, schemas, audit, bypass, pusher, "
     "baseline"},
    {"unknown_nested_key", "version: 1\nfiles:\n  exclude: []\n  max_sise: 1\n", "config/invalid",
     4, 3, 8, "unknown key \"max_sise\" in `files`, did you mean `max_size`"},
    {"non_string_key", "version: 1\n3: x\n", "config/invalid", 2, 1, 1,
     "keys must be strings, got 3"},
    {"root_not_mapping", "[version, 1]\n", "config/invalid", 1, 1, 12,
     "the config must be a mapping of keys, starting with `version: 1`, got a list"},
    {"root_scalar", "version 1\n", "config/invalid", 1, 1, 9,
     "the config must be a mapping of keys, starting with `version: 1`, got \"version 1\""},
    {"empty_config", "", "config/invalid", 1, 1, 0,
     "the config is empty; start it with `version: 1`"},
    {"comments_only", "# nothing here\n", "config/invalid", 1, 1, 0,
     "the config is empty; start it with `version: 1`"},
    {"two_documents", "version: 1\n---\nversion: 1\n", "config/invalid", 2, 1, 0,
     "the config must be one YAML document, found 2; merge them into the first or remove the "
     "others"},
    {"missing_version", "validate: tip\n", "config/invalid", 1, 1, 0,
     "missing required key `version`; start the config with `version: 1`"},
    {"version_two", "version: 2\n", "config/invalid", 1, 10, 1,
     "`version` must be 1, got 2; this pushgate reads version 1 configs"},
    {"version_string", "version: \"1\"\n", "config/invalid", 1, 10, 3,
     "`version` must be 1, got \"1\"; this pushgate reads version 1 configs"},
    {"files_not_mapping", "version: 1\nfiles: [\"*.yaml\"]\n", "config/invalid", 2, 8, 10,
     "`files` must be a mapping of keys (include, exclude, max_size, max_push_bytes, max_depth, "
     "max_expanded_nodes), got a list"},
    {"files_empty", "version: 1\nfiles:\n", "config/invalid", 2, 7, 0,
     "`files` must be a mapping of keys (include, exclude, max_size, max_push_bytes, max_depth, "
     "max_expanded_nodes), got an empty value"},
    {"include_string", "version: 1\nfiles:\n  include: '*.yaml'\n", "config/invalid", 3, 12, 8,
     "`files.include` must be a list of globs, got \"*.yaml\"; write it as [\"*.yaml\"]"},
    {"include_empty", "version: 1\nfiles:\n  include: []\n", "config/invalid", 3, 12, 2,
     "`files.include` must list at least 1 glob: an empty list would select nothing, and "
     "nothing would be checked"},
    {"include_item_not_string", "version: 1\nfiles:\n  include: ['*.yaml', 7]\n", "config/invalid",
     3, 23, 1, "`files.include[1]` must be a glob string, got 7"},
    {"exclude_empty_value", "version: 1\nfiles:\n  exclude:\n", "config/invalid", 3, 11, 0,
     "`files.exclude` must be a list of globs, got an empty value"},
    {"bad_glob", "version: 1\nfiles:\n  exclude:\n    - \"v[0-9.yaml\"\n", "config/invalid", 4, 7,
     12,
     "`files.exclude[0]`: invalid glob \"v[0-9.yaml\": '[' is never closed; add ']' or write "
     "'\\[' for a literal '['"},
    {"bad_size_unit", "version: 1\nfiles:\n  max_size: 1MiX\n", "config/invalid", 3, 13, 4,
     "`files.max_size` must be a size such as 1048576, 512KiB or 1MiB, got \"1MiX\""},
    {"bad_size_fraction", "version: 1\nfiles:\n  max_size: 1.5\n", "config/invalid", 3, 13, 3,
     "`files.max_size` must be a size such as 1048576, 512KiB or 1MiB, got 1.5"},
    {"size_zero", "version: 1\nfiles:\n  max_size: 0\n", "config/invalid", 3, 13, 1,
     "`files.max_size` must be between 1B and 1GiB, got 0"},
    {"size_too_large", "version: 1\nfiles:\n  max_size: 2GiB\n", "config/invalid", 3, 13, 4,
     "`files.max_size` must be between 1B and 1GiB, got \"2GiB\""},
    {"size_overflow", "version: 1\nfiles:\n  max_size: 99999999999999999999GiB\n", "config/invalid",
     3, 13, 23,
     "`files.max_size` must be a size such as 1048576, 512KiB or 1MiB, got "
     "\"99999999999999999999GiB\""},
    {"depth_zero", "version: 1\nfiles:\n  max_depth: 0\n", "config/invalid", 3, 14, 1,
     "`files.max_depth` must be between 1 and 1024, got 0"},
    {"depth_string", "version: 1\nfiles:\n  max_depth: deep\n", "config/invalid", 3, 14, 4,
     "`files.max_depth` must be an integer, got \"deep\""},
    {"expanded_nodes_too_many", "version: 1\nfiles:\n  max_expanded_nodes: 1000000000\n",
     "config/invalid", 3, 23, 10,
     "`files.max_expanded_nodes` must be between 1 and 100000000, got 1000000000"},
    {"validate_bad_enum", "version: 1\nvalidate: every_commit\n", "config/invalid", 2, 11, 12,
     "`validate` must be one of tip, every-commit, got \"every_commit\", did you mean "
     "`every-commit`"},
    {"validate_far_enum", "version: 1\nvalidate: all\n", "config/invalid", 2, 11, 3,
     "`validate` must be one of tip, every-commit, got \"all\""},
    {"validate_list", "version: 1\nvalidate: [tip]\n", "config/invalid", 2, 11, 5,
     "`validate` must be one of tip, every-commit, got a list"},
    {"failure_mode_boolean", "version: 1\non_internal_error: false\n", "config/invalid", 2, 20, 5,
     "`on_internal_error` must be one of reject, accept, got the boolean false"},
    {"ref_glob_short", "version: 1\nvalidate_refs: [main]\n", "config/invalid", 2, 17, 4,
     "`validate_refs[0]` must match full ref names starting with refs/, such as refs/heads/main "
     "or refs/tags/**"},
    {"ref_globs_empty", "version: 1\nvalidate_refs: []\n", "config/invalid", 2, 16, 2,
     "`validate_refs` must list at least 1 glob: an empty list would select nothing, and "
     "nothing would be checked"},
    {"policies_unknown_rule", "version: 1\npolicies: {rules: {k8s/privilegd: error}}\n",
     "config/invalid", 2, 20, 13, "unknown rule `k8s/privilegd`, did you mean `k8s/privileged`"},
    // Declared in rule_table.inc as no policy rule: `off` on a bypass notice would be a silent
    // accept, on a parse error an unchecked file.
    {"policies_gate_finding_off", "version: 1\npolicies: {rules: {git/bypass: off}}\n",
     "config/invalid", 2, 20, 10,
     "`git/bypass` is not a policy rule but a finding of the gate itself: `policies:` cannot set "
     "its severity, turn it off or except it (`pushgate rules git/bypass` says why)"},
    {"policies_reader_finding_severity", "version: 1\npolicies: {rules: {yaml/syntax: warning}}\n",
     "config/invalid", 2, 20, 11,
     "`yaml/syntax` is not a policy rule but a finding of a file reader: `policies:` cannot set "
     "its severity, turn it off or except it (`pushgate rules yaml/syntax` says why)"},
    {"policies_gate_finding_exception",
     "version: 1\npolicies: {exceptions: [{rule: git/bypass, paths: [a], reason: x}]}\n",
     "config/invalid", 2, 32, 10,
     "`git/bypass` is not a policy rule but a finding of the gate itself: `policies:` cannot set "
     "its severity, turn it off or except it (`pushgate rules git/bypass` says why)"},
    {"policies_git_rule_kinds", "version: 1\npolicies: {rules: {git/blob-size: {kinds: [Pod]}}}\n",
     "config/invalid", 2, 36, 5,
     "`git/blob-size` judges the files that commits bring, not Kubernetes objects: scope it by "
     "`paths` only"},
    {"policies_git_rule_paths", "version: 1\npolicies: {rules: {git/signoff: {paths: [a/**]}}}\n",
     "config/invalid", 2, 34, 5,
     "`git/signoff` judges refs and commits, not files: it takes no `paths`; set it per branch in "
     "its `refs:` entry"},
    {"opa_bad_url", "version: 1\nopa: {url: x, decisions: [d]}\n", "config/invalid", 2, 12, 1,
     "`opa.url` must start with http:// or https://, such as http://127.0.0.1:8181"},
    {"refs_short_match", "version: 1\nrefs: [{match: main}]\n", "config/invalid", 2, 16, 4,
     "`refs[0].match` must match full ref names starting with refs/, such as refs/heads/main or "
     "refs/tags/**"},
    {"codeowners_outside_repository",
     "version: 1\nrefs: [{match: refs/heads/main, reviews: {codeowners: /CODEOWNERS}}]\n",
     "config/invalid", 2, 55, 11,
     "`refs[0].reviews.codeowners` must be a file path inside the repository such as "
     ".github/CODEOWNERS, got \"/CODEOWNERS\"; for a file on the server use `codeowners_file`"},
    {"unicode_column", "version: 1\nfiles:\n  exclude: [\"é/*\", \"ü[\"]\n", "config/invalid", 3,
     20, 4,
     "`files.exclude[1]`: invalid glob \"ü[\": '[' is never closed; add ']' or write '\\[' for "
     "a literal '['"},
};

INSTANTIATE_TEST_SUITE_P(Config, ConfigErrorTest, ::testing::ValuesIn(kErrorCases),
                         [](const auto& info) { return std::string(info.param.name); });

// `baseline:` is the config's own file, resolved where the config is (docs/baseline.md); whether it
// exists is judged when it is used, so that only the runs that need it fail.
TEST(ConfigLoaderTest, ABaselineIsResolvedBesideTheConfig) {
  ConfigLoad load = load_config_text("/srv/git/pushgate.yaml", "version: 1\nbaseline: b.json\n");
  ASSERT_TRUE(load.config) << describe(load.findings);
  EXPECT_EQ(load.config->baseline, "/srv/git/b.json");
  EXPECT_EQ(load_config_text("p.yaml", "version: 1\n").config->baseline, "");
  ConfigLoad empty = load_config_text("p.yaml", "version: 1\nbaseline: \"\"\n");
  EXPECT_FALSE(empty.config);
}

TEST(ConfigLoaderTest, ReportsEveryProblemInOneRun) {
  ConfigLoad load =
      load_config_text("p.yaml",
                       "version: 3\n"
                       "fiels: {}\n"
                       "files:\n"
                       "  max_size: huge\n"
                       "validate: tips\n"
                       "refs: [{match: refs/heads/main, reviews: {policy_admins: []}}]\n");
  EXPECT_FALSE(load.config);
  std::vector<std::tuple<std::string, std::uint32_t, std::uint32_t>> got;
  for (const Finding& f : load.findings) {
    got.emplace_back(f.rule, f.position.line, f.position.column);
  }
  EXPECT_EQ(got, (std::vector<std::tuple<std::string, std::uint32_t, std::uint32_t>>{
                     {"config/invalid", 1, 10},
                     {"config/invalid", 2, 1},
                     {"config/invalid", 4, 13},
                     {"config/invalid", 5, 11},
                     {"config/invalid", 6, 58},
                 }))
      << describe(load.findings);
}

TEST(ConfigLoaderTest, FindingsCarryTheirSourceLineForCodeFrames) {
  ConfigLoad load = load_config_text("p.yaml", "version: 1\nvalidate:\ttips\n");
  ASSERT_EQ(load.findings.size(), 1u) << describe(load.findings);
  EXPECT_EQ(load.findings[0].source_line, "validate:\ttips");
}

TEST(ConfigLoaderTest, SyntaxErrorsComeFromTheParserWithThePath) {
  ConfigLoad load = load_config_text("etc/pushgate.yaml", "version: 1\nfiles: [a\n");
  EXPECT_FALSE(load.config);
  ASSERT_FALSE(load.findings.empty());
  EXPECT_EQ(load.findings[0].rule, "yaml/syntax");
  EXPECT_EQ(load.findings[0].path, "etc/pushgate.yaml");
  EXPECT_GT(load.findings[0].position.line, 0u);
  // A broken document is not walked: no config/ findings pile up behind the syntax error.
  for (const Finding& f : load.findings) EXPECT_FALSE(f.rule.starts_with("config/")) << f.rule;
}

TEST(ConfigLoaderTest, DuplicateKeysRejectTheConfig) {
  ConfigLoad load = load_config_text("p.yaml", "version: 1\nvalidate: tip\nvalidate: tip\n");
  EXPECT_FALSE(load.config);
  ASSERT_EQ(load.findings.size(), 1u) << describe(load.findings);
  EXPECT_EQ(load.findings[0].rule, "yaml/duplicate-key");
  EXPECT_EQ(load.findings[0].position, (Position{3, 1}));
}

TEST(ConfigLoaderTest, OversizedTextIsRejectedUnparsed) {
  std::string text = "version: 1\n# " + std::string(2 * 1024 * 1024, 'x') + "\n";
  ConfigLoad load = load_config_text("p.yaml", text);
  EXPECT_FALSE(load.config);
  ASSERT_EQ(load.findings.size(), 1u);
  EXPECT_EQ(load.findings[0].rule, "config/invalid");
  EXPECT_EQ(load.findings[0].position, (Position{0, 0}));
}

TEST(ConfigFileTest, MissingFileIsConfigMissing) {
  testing::TempDir dir;
  ConfigLoad load = load_config_file(dir / "pushgate.yaml");
  EXPECT_FALSE(load.config);
  ASSERT_EQ(load.findings.size(), 1u);
  EXPECT_EQ(load.findings[0].rule, "config/missing");
  EXPECT_EQ(load.findings[0].severity, Severity::kError);
  EXPECT_EQ(load.findings[0].path, dir / "pushgate.yaml");
  EXPECT_EQ(load.findings[0].position, (Position{0, 0}));
}

TEST(ConfigFileTest, DirectoryIsUnreadable) {
  testing::TempDir dir;
  ConfigLoad load = load_config_file(dir.path());
  EXPECT_FALSE(load.config);
  ASSERT_EQ(load.findings.size(), 1u);
  EXPECT_EQ(load.findings[0].rule, "config/unreadable");
}

TEST(ConfigFileTest, UnreadablePathIsReportedNotMissing) {
  // A symlink loop fails for root too, unlike a file without read permission.
  testing::TempDir dir;
  fs::create_symlink("pushgate.yaml", dir / "pushgate.yaml");
  ConfigLoad load = load_config_file(dir / "pushgate.yaml");
  EXPECT_FALSE(load.config);
  ASSERT_EQ(load.findings.size(), 1u);
  EXPECT_EQ(load.findings[0].rule, "config/unreadable");
  EXPECT_NE(load.findings[0].message.find("symbolic links"), std::string::npos)
      << load.findings[0].message;
}

TEST(ConfigFileTest, FileFindingsNameTheFile) {
  testing::TempDir dir;
  testing::write_file(dir / "pushgate.yaml", "version: 1\nvalidate: sometimes\n");
  ConfigLoad load = load_config_file(dir / "pushgate.yaml");
  EXPECT_FALSE(load.config);
  ASSERT_EQ(load.findings.size(), 1u);
  EXPECT_EQ(load.findings[0].path, dir / "pushgate.yaml");
  EXPECT_EQ(load.findings[0].position, (Position{2, 11}));
}

TEST(ConfigFileTest, OversizedFileIsRejected) {
  testing::TempDir dir;
  testing::write_file(dir / "pushgate.yaml",
                      "version: 1\n# " + std::string(3 * 1024 * 1024, 'x') + "\n");
  ConfigLoad load = load_config_file(dir / "pushgate.yaml");
  EXPECT_FALSE(load.config);
  ASSERT_EQ(load.findings.size(), 1u);
  EXPECT_EQ(load.findings[0].rule, "config/invalid");
}

// The fixtures under tests/fixtures/config are shared with the JSON Schema test
// (tests/integration/test_config_schema.sh): valid/ must load cleanly, and each invalid/ file
// pins its findings with "# expect: RULE LINE:COL" comments.
std::vector<fs::path> fixtures(const char* folder) {
  std::vector<fs::path> files;
  for (const auto& entry :
       fs::directory_iterator(fs::path(PUSHGATE_TEST_FIXTURES) / "config" / folder)) {
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(ConfigFixtureTest, ValidFixturesLoadCleanly) {
  const std::vector<fs::path> files = fixtures("valid");
  ASSERT_GE(files.size(), 4u);
  for (const fs::path& file : files) {
    ConfigLoad load = load_config_file(file.string());
    EXPECT_TRUE(load.config) << file << "\n" << describe(load.findings);
    EXPECT_TRUE(load.findings.empty()) << file << "\n" << describe(load.findings);
  }
}

TEST(ConfigFixtureTest, InvalidFixturesReportExactlyTheirExpectations) {
  const std::vector<fs::path> files = fixtures("invalid");
  ASSERT_GE(files.size(), 8u);
  for (const fs::path& file : files) {
    std::multiset<std::string> expected;
    std::istringstream lines(slurp(file));
    for (std::string line; std::getline(lines, line);) {
      if (line.starts_with("# expect: ")) expected.insert(line.substr(10));
    }
    ASSERT_FALSE(expected.empty()) << file << " has no '# expect:' line";
    ConfigLoad load = load_config_file(file.string());
    EXPECT_FALSE(load.config) << file;
    std::multiset<std::string> got;
    for (const Finding& f : load.findings) {
      got.insert(f.rule + " " + std::to_string(f.position.line) + ":" +
                 std::to_string(f.position.column));
    }
    EXPECT_EQ(got, expected) << file << "\n" << describe(load.findings);
  }
}

}  // namespace
}  // namespace pushgate
