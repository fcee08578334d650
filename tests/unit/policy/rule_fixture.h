#pragma once
// Annotated fixtures for rule tests (clang-tidy's CHECK-MESSAGES, for YAML):
//
//   tests/fixtures/rules/k8s/privileged.yaml
//     # expect: k8s/privileged 14:25        <- a finding of that rule at line 14, column 25
//     ...
//     # near-misses: nothing below may be reported
//     ...                                   <- objects that look close but are fine
//
//   TEST(PrivilegedRule, Fixture) { expect_fixture(PrivilegedRule(), "k8s/privileged.yaml"); }
//
// The rule runs exactly as the engine runs it (check_entry on the text, check_file on the parsed
// YAML, check_run for whole-run rules), and the findings must be exactly the expected ones: a
// missing finding, an extra one, or one in the near-miss section fails the test. Messages are
// checked for the house style.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "validators/validator.h"
#include "test_paths.h"

namespace pushgate::testing {

// A one-file snapshot: rule tests need an EntryContext, not a repository.
class OneFileSnapshot final : public Snapshot {
 public:
  OneFileSnapshot(std::string path, std::string content) : content_(std::move(content)) {
    Entry entry;
    entry.path = std::move(path);
    entry.size = content_.size();
    entry.size_known = true;
    entries_.push_back(std::move(entry));
  }
  std::string describe() const override { return "fixture " + entries_[0].path; }
  const std::vector<Entry>& entries() const override { return entries_; }
  Result<std::string> read(const Entry&) const override { return content_; }

 private:
  std::string content_;
  std::vector<Entry> entries_;
};

inline std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(PUSHGATE_TEST_FIXTURES) + "/rules/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `rule` over `text` as the engine would, as file `path`.
inline FindingList run_rule(const Validator& rule, const std::string& path, const std::string& text,
                            std::string_view ref = "refs/heads/main") {
  const OneFileSnapshot snapshot(path, text);
  FindingList out;
  rule.check_entry(EntryContext{snapshot, snapshot.entries()[0], text, ref}, out);
  const bool yaml = path.ends_with(".yaml") || path.ends_with(".yml");
  if (yaml || path.ends_with(".json")) {
    const ParsedFile file =
        yaml ? parse_yaml(path, text, ParseLimits{}) : parse_json(path, text, ParseLimits{});
    EXPECT_TRUE(file.findings.empty())
        << path
        << " does not parse cleanly: " << (file.findings.empty() ? "" : file.findings[0].message);
    const FileContext context{file, text, ref};
    rule.check_file(context, out);
    if (rule.wants_run()) {
      // Whole-run rules see the fixture as the only file of the run.
      rule.check_run(RunContext{std::span<const FileContext>(&context, 1), ref, "", "", ""}, out);
    }
  }
  return out;
}

inline std::string describe(const Finding& f) {
  return f.rule + " " + std::to_string(f.position.line) + ":" + std::to_string(f.position.column);
}

// Checks the fixture's findings against its `# expect:` comments and its near-miss section.
// Returns the findings for further checks (messages, masking).
inline FindingList expect_fixture(const Validator& rule, const std::string& name,
                                  std::string_view ref = "refs/heads/main") {
  const std::string text = read_fixture(name);
  EXPECT_FALSE(text.empty()) << "missing fixture tests/fixtures/rules/" << name;
  std::multiset<std::string> expected;
  std::uint32_t near_miss_line = 0;
  std::istringstream lines(text);
  std::string line;
  const RE2 expect_re(R"(#\s*expect:\s*(\S+)\s+(\d+):(\d+))");
  for (std::uint32_t n = 1; std::getline(lines, line); ++n) {
    std::string id, l, c;
    if (RE2::PartialMatch(line, expect_re, &id, &l, &c)) expected.insert(id + " " + l + ":" + c);
    if (line.find("# near-misses") != std::string::npos && near_miss_line == 0) near_miss_line = n;
  }
  EXPECT_FALSE(expected.empty()) << name << " pins no finding";
  EXPECT_GT(near_miss_line, 0u) << name << " has no `# near-misses` section";

  const FindingList findings = run_rule(rule, name, text, ref);
  std::multiset<std::string> actual;
  for (const Finding& f : findings) {
    actual.insert(describe(f));
    EXPECT_LT(f.position.line, near_miss_line)
        << "near miss reported: " << describe(f) << ": " << f.message;
    EXPECT_FALSE(f.message.empty());
    if (!f.message.empty()) {
      EXPECT_FALSE(f.message[0] >= 'A' && f.message[0] <= 'Z') << f.message;
      EXPECT_NE(f.message.back(), '.') << f.message;
    }
  }
  EXPECT_EQ(actual, expected) << "in tests/fixtures/rules/" << name;
  return findings;
}

}  // namespace pushgate::testing
