#include "core/baseline/baseline.h"

#include <gtest/gtest.h>

#include "core/report/fingerprint.h"

namespace pushgate {
namespace {

Finding finding(std::string rule, std::string path, std::uint32_t line, std::string message) {
  return Finding::at(std::move(rule), Severity::kError, std::move(path), {line, 3},
                     std::move(message));
}

FindingList today() {
  return {
      finding("yaml/duplicate-key", "a.yaml", 4, "key \"x\" is defined twice (first at line 2)"),
      finding("secret/token", "b.yaml", 7, "looks like a token"),
      finding("secret/token", "b.yaml", 9, "looks like a token")};
}

TEST(BaselineTest, RoundTripsThroughJson) {
  const Baseline b = Baseline::from(today());
  ASSERT_EQ(b.entries().size(), 2u);  // the two identical tokens share one entry
  Result<Baseline> back = Baseline::parse(b.to_json());
  ASSERT_TRUE(back) << back.error().message;
  ASSERT_EQ(back.value().entries().size(), 2u);
  EXPECT_EQ(back.value().to_json(), b.to_json());
  const BaselineEntry& token = back.value().entries()[1];
  EXPECT_EQ(token.rule, "secret/token");
  EXPECT_EQ(token.count, 2u);
  EXPECT_EQ(token.fingerprint, finding_fingerprint(today()[1]));
}

// A baseline records file content that was there before, never the gate's health or a push's facts.
TEST(BaselineTest, OnlyFileFindingsCanBeBaselined) {
  EXPECT_TRUE(can_be_baselined(finding("yaml/duplicate-key", "a.yaml", 1, "m")));
  EXPECT_FALSE(can_be_baselined(finding("internal/error", "a.yaml", 1, "opa is down")));
  EXPECT_FALSE(can_be_baselined(finding("config/unreadable", "a.yaml", 1, "m")));
  EXPECT_FALSE(can_be_baselined(finding("git/ref-deletion", "a.yaml", 1, "m")));
  EXPECT_FALSE(can_be_baselined(finding("schema/store", "", 0, "store is broken")));
  FindingList findings = today();
  findings.push_back(finding("internal/error", "a.yaml", 1, "opa is down"));
  const Baseline b = Baseline::from(findings);
  EXPECT_EQ(b.entries().size(), 2u);
  BaselineResult r = apply_baseline(findings, b, nullptr);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].rule, "internal/error");
}

TEST(BaselineTest, KnownFindingsAreDroppedEvenWhenLinesMoved) {
  const Baseline b = Baseline::from(today());
  FindingList now = today();
  for (Finding& f : now) f.position.line += 10;  // lines added above everything
  now[0].message = "key \"x\" is defined twice (first at line 12)";
  now.push_back(finding("schema/type", "a.yaml", 30, "spec.replicas must be integer"));
  BaselineResult r = apply_baseline(std::move(now), b, nullptr);
  EXPECT_EQ(r.suppressed, 3u);
  EXPECT_EQ(r.stale, 0u);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].rule, "schema/type");
}

TEST(BaselineTest, CountsLimitHowManyIdenticalFindingsPass) {
  const Baseline b = Baseline::from(today());
  FindingList now = today();
  now.push_back(finding("secret/token", "b.yaml", 11, "looks like a token"));  // a third one
  BaselineResult r = apply_baseline(std::move(now), b, nullptr);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].rule, "secret/token");
}

TEST(BaselineTest, FixedEntriesBecomeNoticesInScopeOnly) {
  const Baseline b = Baseline::from(today());
  FindingList now = {today()[1]};  // the duplicate key and one token were fixed
  BaselineResult r = apply_baseline(now, b, nullptr);
  EXPECT_EQ(r.stale, 2u);
  ASSERT_EQ(r.findings.size(), 2u);
  for (const Finding& f : r.findings) {
    EXPECT_EQ(f.rule, kBaselineFixedRule);
    EXPECT_EQ(f.severity, Severity::kInfo);
    EXPECT_NE(f.message.find("fixed, remove from baseline"), std::string::npos) << f.message;
  }
  // Only b.yaml was looked at: a.yaml's entry is not stale, just not checked.
  BaselineResult scoped =
      apply_baseline(now, b, [](std::string_view path) { return path == "b.yaml"; });
  EXPECT_EQ(scoped.stale, 1u);
  ASSERT_EQ(scoped.findings.size(), 1u);
  EXPECT_EQ(scoped.findings[0].path, "b.yaml");
}

TEST(BaselineTest, MalformedFilesAreRefusedWithWhere) {
  struct Case {
    const char* name;
    const char* text;
    const char* says;
  };
  const Case cases[] = {
      {"not json", "{", "not JSON"},
      {"array", "[]", "not a JSON object"},
      {"no version", R"({"findings": []})", "version"},
      {"version 2", R"({"version": 2, "findings": []})", "version"},
      {"findings not a list", R"({"version": 1, "findings": {}})", "must be a list"},
      {"short fingerprint", R"({"version": 1, "findings": [{"fingerprint": "abc"}]})",
       "findings[0].fingerprint"},
      {"zero count",
       R"({"version": 1, "findings": [{"fingerprint": "0123456789abcdef0123456789abcdef", "count": 0}]})",
       "findings[0].count"},
      {"rule not a string",
       R"({"version": 1, "findings": [{"fingerprint": "0123456789abcdef0123456789abcdef", "rule": 3}]})",
       "findings[0]"},
  };
  for (const Case& c : cases) {
    Result<Baseline> b = Baseline::parse(c.text);
    ASSERT_FALSE(b) << c.name;
    EXPECT_EQ(b.error().code, ErrorCode::kInvalid) << c.name;
    EXPECT_NE(b.error().message.find(c.says), std::string::npos)
        << c.name << ": " << b.error().message;
  }
  Result<Baseline> missing = Baseline::load("/nonexistent/baseline.json");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace pushgate
