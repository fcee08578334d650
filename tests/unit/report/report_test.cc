#include "core/report/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/report/code_frame.h"
#include "core/report/terminal_text.h"

namespace pushgate {
namespace {

TEST(DecisionTest, ExitCodeIsAFunctionOfTheDecision) {
  EXPECT_EQ(exit_code_for(Decision::kAccept), 0);
  EXPECT_EQ(exit_code_for(Decision::kReject), 1);
  EXPECT_EQ(to_string(Decision::kAccept), "accept");
  EXPECT_EQ(to_string(Decision::kReject), "reject");
}

TEST(ReporterFactoryTest, KnowsEveryListedFormatAndNothingElse) {
  for (std::string_view format : reporter_formats()) {
    EXPECT_NE(make_reporter(format, {}), nullptr) << format;
  }
  EXPECT_EQ(reporter_formats(), (std::vector<std::string_view>{"text", "json", "sarif", "junit",
                                                                "github", "gitlab"}));
  EXPECT_EQ(make_reporter("tap", {}), nullptr);
  EXPECT_EQ(make_reporter("", {}), nullptr);
  EXPECT_EQ(make_reporter("TEXT", {}), nullptr);
}

nlohmann::json json_of(const Report& report, bool hook) {
  std::ostringstream out;
  ReporterOptions options;
  options.hook = hook;
  make_reporter("json", options)->write(report, out);
  return nlohmann::json::parse(out.str());
}

TEST(JsonReporterTest, OptionalFieldsOnlyWhereTheyApply) {
  Report report;
  report.findings.push_back(
      Finding::at("yaml/syntax", Severity::kError, "a.yaml", {1, 2}, "broken; fix it"));
  Finding full = Finding::at("schema/type", Severity::kWarning, "b.yaml", {3, 4}, "m");
  full.ref = "refs/heads/main";
  full.commit = std::string(40, 'a');
  full.document = 0;  // the first document is a document: 0 is written
  full.object = "v1/ConfigMap/default/x";
  full.json_path = "data.x";
  full.source_line = "never serialized";
  full.span = 3;
  report.findings.push_back(full);
  const nlohmann::json j = json_of(report, false);
  const auto& bare = j.at("findings").at(0);
  EXPECT_EQ(bare.size(), 6u) << bare.dump();
  EXPECT_EQ(bare.at("rule"), "yaml/syntax");
  EXPECT_EQ(bare.at("line"), 1);
  EXPECT_EQ(bare.at("column"), 2);
  const auto& rich = j.at("findings").at(1);
  EXPECT_EQ(rich.size(), 11u) << rich.dump();
  EXPECT_EQ(rich.at("document"), 0);
  EXPECT_EQ(rich.at("severity"), "warning");
  EXPECT_FALSE(rich.contains("source_line"));
  EXPECT_FALSE(rich.contains("span"));
  EXPECT_FALSE(j.contains("refs"));
}

TEST(JsonReporterTest, HookModeAddsRefsEvenWhenEmpty) {
  const nlohmann::json j = json_of(Report{}, true);
  EXPECT_EQ(j.at("decision"), "accept");
  EXPECT_TRUE(j.at("refs").is_array());
  EXPECT_TRUE(j.at("findings").empty());
  EXPECT_EQ(j.at("summary").at("errors"), 0);
}

TEST(TextReporterTest, NoColourUnlessAsked) {
  Report report;
  report.findings.push_back(Finding::at("yaml/syntax", Severity::kError, "a.yaml", {1, 1}, "m"));
  report.findings[0].source_line = "x";
  ReporterOptions options;
  std::ostringstream plain;
  make_reporter("text", options)->write(report, plain);
  EXPECT_EQ(plain.str().find('\x1b'), std::string::npos);
  options.color = true;
  std::ostringstream coloured;
  make_reporter("text", options)->write(report, coloured);
  EXPECT_NE(coloured.str().find("\x1b[1;31merror\x1b[0m"), std::string::npos);
}

// Issue 11: a push rejected only because the audit line could not be written said
// "rejected refs/heads/main (0 errors, 0 warnings)". Push-level findings count for every ref.
TEST(TextReporterTest, HeaderCountsPushLevelFindingsThatReject) {
  Report report;
  report.decision = Decision::kReject;
  report.findings.push_back(Finding::at("internal/audit-log", Severity::kError, "", {},
                                        "cannot record the decision in the audit log"));
  Finding on_ref = Finding::at("yaml/syntax", Severity::kWarning, "a.yaml", {1, 1}, "w");
  on_ref.ref = "refs/heads/main";
  report.findings.push_back(on_ref);
  RefOutcome ref;
  ref.ref = "refs/heads/main";
  ref.decision = Decision::kReject;
  ref.counts.warnings = 1;
  report.refs = {ref};
  ReporterOptions options;
  options.hook = true;
  std::ostringstream out;
  make_reporter("text", options)->write(report, out);
  EXPECT_TRUE(out.str().starts_with(
      "pushgate: rejected refs/heads/main (1 error, 1 warning) in 0 ms\n"))
      << out.str();
}

// A 100,000-digit value inside a message is capped on the remote line, once.
TEST(TextReporterTest, LongValuesInMessagesAreCapped) {
  Report report;
  report.findings.push_back(Finding::at("schema/type", Severity::kError, "a.yaml", {3, 13},
                                        "spec.replicas must be string, got integer " +
                                            std::string(100000, '9')));
  std::ostringstream out;
  make_reporter("text", {})->write(report, out);
  EXPECT_LT(out.str().size(), 600u);
  EXPECT_NE(out.str().find("\xE2\x80\xA6 (100000 characters)"), std::string::npos) << out.str();
}

TEST(TextReporterTest, BypassHintOnlyWhenRejected) {
  Report report;
  report.bypass_hint = "ask for a bypass";
  std::ostringstream accepted;
  make_reporter("text", {})->write(report, accepted);
  EXPECT_EQ(accepted.str().find("bypass"), std::string::npos);
  report.decision = Decision::kReject;
  std::ostringstream rejected;
  make_reporter("text", {})->write(report, rejected);
  EXPECT_NE(rejected.str().find("ask for a bypass\n"), std::string::npos);
}

TEST(CodeFrameTest, GutterGrowsWithTheLineNumber) {
  EXPECT_EQ(code_frame("x: 1", {7, 4}, 1), "    7 | x: 1\n      |    ^\n");
  EXPECT_EQ(code_frame("x: 1", {1234567, 1}, 0), "1234567 | x: 1\n        | ^\n");
}

TEST(CodeFrameTest, ColumnZeroDrawsNoCarets) {
  EXPECT_EQ(code_frame("kind: Pod", {3, 0}, 0), "    3 | kind: Pod\n");
}

TEST(CodeFrameTest, EmptyLineHasNoTrailingSpace) {
  EXPECT_EQ(code_frame("", {2, 1}, 0), "    2 |\n      | ^\n");
}

TEST(CodeFrameTest, SpanIsClippedToTheLine) {
  EXPECT_EQ(code_frame("ab", {1, 2}, 10), "    1 | ab\n      |  ^\n");
}

TEST(CodeFrameTest, CaretsWrapInColour) {
  EXPECT_EQ(code_frame("ab", {1, 1}, 2, "<", ">"), "    1 | ab\n      | <^^>\n");
}

TEST(CodeFrameTest, TabsExpandToStopsOfFour) {
  // "\t\tx": x is character 3 and display column 8.
  EXPECT_EQ(code_frame("\t\tx", {1, 3}, 1), "    1 |         x\n      |         ^\n");
  // "ab\tx": the tab fills to the next stop (2 columns), x at display column 4.
  EXPECT_EQ(code_frame("ab\tx", {1, 4}, 1), "    1 | ab  x\n      |     ^\n");
}

TEST(CodeFrameTest, LongLinesKeepTheCaretInView) {
  const std::string line = std::string(300, 'a') + "TARGET" + std::string(300, 'b');
  const std::string frame = code_frame(line, {1, 301}, 6);
  const std::size_t nl = frame.find('\n');
  const std::string source = frame.substr(0, nl);
  const std::string carets = frame.substr(nl + 1);
  EXPECT_LE(source.size(), std::string("    1 | ").size() + kMaxSourceWidth + 6);
  EXPECT_TRUE(source.find("| ...a") != std::string::npos) << source;
  EXPECT_TRUE(source.ends_with("b...")) << source;
  // The carets sit exactly under TARGET.
  EXPECT_EQ(carets.find('^'), source.find("TARGET")) << frame;
  EXPECT_EQ(carets.find_last_of('^') - carets.find('^') + 1, 6u);
}

TEST(TerminalTextTest, EscapesWhatATerminalWouldObey) {
  EXPECT_EQ(printable("a\x1b[2Jb"), "a\\x1b[2Jb");
  EXPECT_EQ(printable("line\nnext\ttab\r"), "line\\nnext\\ttab\\r");
  EXPECT_EQ(printable("x\u202Ey"), "x\\u{202e}y");  // right-to-left override
  EXPECT_EQ(printable("\xff"), "\uFFFD");
  EXPECT_EQ(printable("café 名前"), "café 名前");
}

TEST(TerminalTextTest, DisplayWidths) {
  EXPECT_EQ(display_width(U'a'), 1);
  EXPECT_EQ(display_width(U'\u540D'), 2);      // 名
  EXPECT_EQ(display_width(U'\U0001F600'), 2);  // 😀
  EXPECT_EQ(display_width(U'\u0301'), 0);      // combining acute
}

}  // namespace
}  // namespace pushgate
