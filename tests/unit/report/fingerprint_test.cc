#include "core/report/fingerprint.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

Finding sample() {
  Finding f = Finding::at("schema/type", Severity::kError, "clusters/app.yaml", {12, 13},
                          "spec.replicas must be integer, got string \"three\"");
  f.object = "apps/v1/Deployment/prod/app";
  f.json_path = "spec.replicas";
  return f;
}

TEST(FingerprintTest, IsThirtyTwoHexDigits) {
  const std::string id = finding_fingerprint(sample());
  EXPECT_EQ(id.size(), 32u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST(FingerprintTest, StableUnderLineShiftsAndContext) {
  Finding moved = sample();
  moved.position = {40, 2};
  moved.span = 9;
  moved.ref = "refs/heads/main";
  moved.commit = std::string(40, 'a');
  moved.source_line = "  replicas: three";
  EXPECT_EQ(finding_fingerprint(moved), finding_fingerprint(sample()));
}

TEST(FingerprintTest, PositionsInMessagesAreMasked) {
  Finding a = Finding::at("yaml/duplicate-key", Severity::kError, "a.yaml", {20, 5},
                          "key \"image\" is defined twice (first at line 19, column 5)");
  Finding b = a;
  b.message = "key \"image\" is defined twice (first at line 31, column 7)";
  EXPECT_EQ(finding_fingerprint(a), finding_fingerprint(b));
  EXPECT_EQ(position_free_message("lines 3-9 and line 4"), "lines # and line #");
  EXPECT_EQ(position_free_message("replicas 3 online"), "replicas 3 online");
}

TEST(FingerprintTest, EachIdentifyingFieldChangesIt) {
  const std::string base = finding_fingerprint(sample());
  struct Case {
    const char* name;
    void (*change)(Finding&);
  };
  const Case cases[] = {
      {"rule", [](Finding& f) { f.rule = "schema/enum"; }},
      {"path", [](Finding& f) { f.path = "clusters/other.yaml"; }},
      {"object", [](Finding& f) { f.object = "apps/v1/Deployment/prod/web"; }},
      {"json_path", [](Finding& f) { f.json_path = "spec.minReadySeconds"; }},
      {"message", [](Finding& f) { f.message += "!"; }},
  };
  for (const Case& c : cases) {
    Finding f = sample();
    c.change(f);
    EXPECT_NE(finding_fingerprint(f), base) << c.name;
  }
  // Field boundaries count: moving text from one field to the next is another finding.
  Finding a = sample(), b = sample();
  a.object = "ab";
  a.json_path = "c";
  b.object = "a";
  b.json_path = "bc";
  EXPECT_NE(finding_fingerprint(a), finding_fingerprint(b));
}

TEST(FingerprintTest, OccurrencesNumberIdenticalFindings) {
  FindingList list = {
      sample(), sample(),
      Finding::at("json/syntax", Severity::kError, "x.json", {1, 1}, "unexpected end of input")};
  const std::vector<std::string> ids = occurrence_fingerprints(list);
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[0], finding_fingerprint(list[0]) + ":1");
  EXPECT_EQ(ids[1], finding_fingerprint(list[0]) + ":2");
  EXPECT_EQ(ids[2], finding_fingerprint(list[2]) + ":1");
}

}  // namespace
}  // namespace pushgate
