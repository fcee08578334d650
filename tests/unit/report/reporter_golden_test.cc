// Golden tests: each output format, for a few representative reports, byte for byte against
// tests/fixtures/report/. The JSON goldens are also validated against schemas/report.schema.json
// (tests/integration/test_report_schema.sh), so the schema is checked on real reporter output.
//
// After an intended change of format: PUSHGATE_UPDATE_GOLDEN=1 ./pushgate_unit_tests
// --gtest_filter='Golden*', then review the diff of tests/fixtures/report/.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/report/report.h"
#include "core/rule_docs/rule_pages.h"
#include "pushgate/version.h"
#include "test_paths.h"

namespace pushgate {
namespace {

const std::string kMain = "refs/heads/main";
const std::string kOld = "1111111111111111111111111111111111111111";
const std::string kNew = "3f2c5e0a9b7d4c1e8f6a2b3c4d5e6f708192a3b4";

Finding located(std::string rule, Severity severity, std::string path, Position at,
                std::uint32_t span, std::string message, std::string source_line) {
  Finding f = Finding::at(std::move(rule), severity, std::move(path), at, std::move(message));
  f.span = span;
  f.source_line = std::move(source_line);
  return f;
}

// A CI run over a directory: errors and warnings in two files, a finding without a position.
Report directory_report() {
  Report r;
  r.decision = Decision::kReject;
  Finding replicas =
      located("schema/type", Severity::kError, "clusters/prod/app.yaml", {12, 13}, 5,
              "spec.replicas must be integer, got string \"three\"", "  replicas: three");
  replicas.document = 0;
  replicas.object = "apps/v1/Deployment/prod/app";
  replicas.json_path = "spec.replicas";
  r.findings.push_back(replicas);
  r.findings.push_back(located("yaml/duplicate-key", Severity::kError, "clusters/prod/app.yaml",
                               {20, 5}, 5,
                               "key \"image\" is defined twice in this mapping (first at line 19, "
                               "column 5); remove or rename one of them",
                               "    image: app:1.5.0"));
  r.findings.push_back(located("k8s/latest-tag", Severity::kWarning, "apps/web/deploy.yaml",
                               {31, 18}, 0, "image app:latest is not pinned; use a tag or digest",
                               "        - image: app:latest"));
  r.findings.push_back(located("yaml/template-skipped", Severity::kInfo,
                               "charts/web/templates/svc.yaml", {0, 0}, 0,
                               "Helm template, not YAML: skipped", ""));
  r.findings.push_back(located("json/syntax", Severity::kError, "settings.json", {3, 1}, 0,
                               "unexpected end of input; close the object with '}'", ""));
  r.summary = {4, 9, 3, 1, 57};
  r.docs_hint = "run `pushgate rules RULE-ID` to read what a rule checks and how to fix it";
  return r;
}

// A pre-receive run: two refs, one rejected with a commit-level git finding, one accepted.
Report hook_report() {
  Report r;
  r.decision = Decision::kReject;
  Finding replicas =
      located("schema/type", Severity::kError, "clusters/prod/app.yaml", {12, 13}, 5,
              "spec.replicas must be integer, got string \"three\"", "  replicas: three");
  replicas.ref = kMain;
  replicas.commit = kNew;
  r.findings.push_back(replicas);
  Finding unsigned_commit = Finding::at("git/unsigned-commit", Severity::kError, "", {},
                                        "commit is not signed; sign it with `git commit -S`");
  unsigned_commit.ref = kMain;
  unsigned_commit.commit = kNew;
  r.findings.push_back(unsigned_commit);
  Finding warning =
      located("k8s/latest-tag", Severity::kWarning, "apps/web/deploy.yaml", {31, 18}, 0,
              "image app:latest is not pinned; use a tag or digest", "        - image: app:latest");
  warning.ref = "refs/heads/dev";
  warning.commit = kOld;
  r.findings.push_back(warning);
  r.refs.push_back(RefOutcome{kMain, kOld, kNew, Decision::kReject, {2, 0, 0}});
  r.refs.push_back(
      RefOutcome{"refs/heads/dev", std::string(40, '0'), kOld, Decision::kAccept, {0, 1, 0}});
  r.summary = {2, 3, 2, 1, 53};
  r.docs_hint = "run `pushgate rules RULE-ID` to read what a rule checks and how to fix it";
  r.bypass_hint = "to bypass in an emergency: git push -o pushgate.bypass=\"reason\"";
  return r;
}

// Source lines that are hard to draw: tabs, wide and combining characters, a long line, control
// characters and malformed UTF-8 in paths, messages and source.
Report awkward_text_report() {
  Report r;
  r.decision = Decision::kReject;
  // Columns count characters: the tab is one, and the caret must still sit under "three".
  r.findings.push_back(located("schema/type", Severity::kError, "tabs.yaml", {4, 12}, 5,
                               "replicas must be integer", "\treplicas:\tthree"));
  r.findings.push_back(located("schema/type", Severity::kError, "tabs.yaml", {5, 3}, 1,
                               "caret after a tab stop", "a\tb\tc"));
  // 名前 is two wide characters (four columns); the quoted value starts at character 5.
  r.findings.push_back(located("schema/enum", Severity::kError, "unicode.yaml", {2, 5}, 3,
                               "value must be one of a, b", "名前: \"値\" # ok"));
  r.findings.push_back(located("schema/type", Severity::kError, "unicode.yaml", {3, 11}, 4,
                               "combining mark before the column", "cafe\u0301: x, true"));
  r.findings.push_back(located("schema/type", Severity::kError, "unicode.yaml", {4, 9}, 2,
                               "emoji before the column", "k: \U0001F600 v: 12"));
  std::string long_line = "data: \"";
  for (int i = 0; i < 20; ++i) long_line += "abcdefghij";
  long_line += "\" # end";
  r.findings.push_back(located("secret/token", Severity::kError, "long.yaml", {1, 150}, 8,
                               "looks like a token", long_line));
  r.findings.push_back(located("secret/token", Severity::kError, "long.yaml", {2, 3}, 4,
                               "near the start of a long line", long_line));
  r.findings.push_back(located("yaml/syntax", Severity::kError, "ctl\x1b[31m\n.yaml", {1, 4}, 1,
                               "bad byte \xff here\n(second line)",
                               "ab\x1b"
                               "c\xff\xfe"));
  r.findings.push_back(located("yaml/syntax", Severity::kError, "eol.yaml", {1, 10}, 0,
                               "value missing after the colon", "replicas:"));
  r.summary = {5, 5, 9, 0, 3};
  return r;
}

std::string render(const Report& report, std::string_view format, bool hook, bool color) {
  ReporterOptions options;
  options.hook = hook;
  options.color = color;
  std::unique_ptr<Reporter> reporter = make_reporter(format, options);
  EXPECT_NE(reporter, nullptr);
  std::ostringstream out;
  reporter->write(report, out);
  return out.str();
}

void expect_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(PUSHGATE_TEST_FIXTURES) + "/report/" + name;
  const char* update = std::getenv("PUSHGATE_UPDATE_GOLDEN");
  if (update != nullptr && *update != '\0') {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path << " (PUSHGATE_UPDATE_GOLDEN=1 writes it)";
  std::ostringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "golden " << path << " differs";
}

TEST(GoldenTextTest, Directory) {
  expect_golden("directory.txt", render(directory_report(), "text", false, false));
}

TEST(GoldenTextTest, DirectoryInColour) {
  expect_golden("directory.color.txt", render(directory_report(), "text", false, true));
}

TEST(GoldenTextTest, Hook) {
  expect_golden("hook.txt", render(hook_report(), "text", true, false));
}

TEST(GoldenTextTest, HookInColour) {
  expect_golden("hook.color.txt", render(hook_report(), "text", true, true));
}

TEST(GoldenTextTest, TabsUnicodeAndHostileText) {
  expect_golden("awkward.txt", render(awkward_text_report(), "text", false, false));
}

TEST(GoldenTextTest, AcceptedWithoutFindings) {
  Report clean;
  clean.summary = {3, 4, 0, 0, 9};
  expect_golden("clean.txt", render(clean, "text", false, false));
  Report clean_push = clean;
  clean_push.refs.push_back(RefOutcome{kMain, kOld, kNew, Decision::kAccept, {}});
  expect_golden("clean.hook.txt", render(clean_push, "text", true, false));
}

TEST(GoldenJsonTest, Directory) {
  expect_golden("directory.json", render(directory_report(), "json", false, false));
}

TEST(GoldenJsonTest, Hook) {
  expect_golden("hook.json", render(hook_report(), "json", true, false));
}

TEST(GoldenJsonTest, HostileText) {
  // Malformed UTF-8 becomes U+FFFD instead of an exception or invalid JSON.
  expect_golden("awkward.json", render(awkward_text_report(), "json", false, false));
}

TEST(GoldenJsonTest, ColourNeverChangesJson) {
  EXPECT_EQ(render(hook_report(), "json", true, true), render(hook_report(), "json", true, false));
}

// SARIF without what changes for reasons of its own: the tool version, and each rule's help
// (checked here to be the rule's whole documentation page, then shortened to its path).
std::string stable_sarif(const std::string& sarif) {
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(sarif);
  auto& driver = j["runs"][0]["tool"]["driver"];
  EXPECT_EQ(driver["version"], kVersion);
  driver["version"] = "VERSION";
  for (auto& rule : driver["rules"]) {
    if (!rule.contains("help")) continue;
    const RulePage* page = find_rule_page(rule["id"].get<std::string>());
    EXPECT_NE(page, nullptr);
    if (page == nullptr) continue;
    EXPECT_EQ(rule["help"]["markdown"], std::string(page->text));
    rule["help"] = {{"text", "docs/rules/" + rule["id"].get<std::string>() + ".md"}};
    rule["shortDescription"]["text"] = "(first paragraph of the page)";
  }
  return j.dump(2) + "\n";
}

TEST(GoldenSarifTest, Directory) {
  expect_golden("directory.sarif", stable_sarif(render(directory_report(), "sarif", false, false)));
}

TEST(GoldenSarifTest, Hook) {
  expect_golden("hook.sarif", stable_sarif(render(hook_report(), "sarif", true, false)));
}

TEST(GoldenSarifTest, HostileText) {
  expect_golden("awkward.sarif",
                stable_sarif(render(awkward_text_report(), "sarif", false, false)));
}

TEST(GoldenJunitTest, Directory) {
  expect_golden("directory.junit.xml", render(directory_report(), "junit", false, false));
}

TEST(GoldenJunitTest, Hook) {
  expect_golden("hook.junit.xml", render(hook_report(), "junit", true, false));
}

TEST(GoldenJunitTest, HostileText) {
  expect_golden("awkward.junit.xml", render(awkward_text_report(), "junit", false, false));
}

TEST(GoldenJunitTest, FailOnWarningMakesWarningsFailures) {
  ReporterOptions options;
  options.fail_on = Severity::kWarning;
  std::ostringstream out;
  make_reporter("junit", options)->write(directory_report(), out);
  expect_golden("directory.fail-on-warning.junit.xml", out.str());
}

TEST(GoldenJunitTest, Clean) {
  Report clean;
  clean.summary = {3, 4, 0, 0, 9};
  expect_golden("clean.junit.xml", render(clean, "junit", false, false));
}

TEST(GoldenGithubTest, Directory) {
  expect_golden("directory.github.txt", render(directory_report(), "github", false, false));
}

TEST(GoldenGithubTest, Hook) {
  expect_golden("hook.github.txt", render(hook_report(), "github", true, false));
}

TEST(GoldenGithubTest, HostileText) {
  expect_golden("awkward.github.txt", render(awkward_text_report(), "github", false, false));
}

TEST(GoldenGitlabTest, Directory) {
  expect_golden("directory.gitlab", render(directory_report(), "gitlab", false, false));
}

TEST(GoldenGitlabTest, Hook) {
  expect_golden("hook.gitlab", render(hook_report(), "gitlab", true, false));
}

TEST(GoldenGitlabTest, HostileText) {
  expect_golden("awkward.gitlab", render(awkward_text_report(), "gitlab", false, false));
}

}  // namespace
}  // namespace pushgate
