// Reading a policy's answer: the shapes OPA policies return (pushgate decisions and conftest
// packages). Finding the field a result names is tests/unit/document/field_lookup_test.cc, the
// input's conversion to JSON tests/unit/schema/document_json_test.cc.
#include "core/opa/opa_result.h"

#include <gtest/gtest.h>


namespace pushgate {
namespace {

using nlohmann::json;

std::vector<OpaViolation> decision(const json& result) {
  Result<std::vector<OpaViolation>> v = violations_from_decision(result);
  EXPECT_TRUE(v) << (v ? "" : v.error().message);
  return v ? v.value() : std::vector<OpaViolation>{};
}

std::string decision_error(const json& result) {
  Result<std::vector<OpaViolation>> v = violations_from_decision(result);
  EXPECT_FALSE(v) << result.dump();
  return v ? "" : v.error().message;
}

TEST(OpaResult, SetOfStrings) {
  const auto v = decision(json::array({"image uses :latest", "no limits"}));
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].message, "image uses :latest");
  EXPECT_EQ(v[0].severity, Severity::kError);
  EXPECT_EQ(v[0].field, "");
  EXPECT_EQ(v[1].message, "no limits");
}

TEST(OpaResult, ObjectsWithMsgFieldAndSeverity) {
  const auto v = decision(json::parse(R"([
      {"msg": "one replica", "field": "spec.replicas"},
      {"message": "tag", "field": ["spec", "containers", 0, "image"], "severity": "warning"},
      {"msg": "label", "field": ["metadata", "labels", "app.kubernetes.io/name"]}])"));
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].field, "spec.replicas");
  EXPECT_EQ(v[1].message, "tag");
  EXPECT_EQ(v[1].field, "spec.containers[0].image");
  EXPECT_EQ(v[1].severity, Severity::kWarning);
  EXPECT_EQ(v[2].field, "metadata.labels[app.kubernetes.io/name]");
}

TEST(OpaResult, NothingToReport) {
  EXPECT_TRUE(decision(json::array()).empty());
  EXPECT_TRUE(decision(json(false)).empty());
  EXPECT_TRUE(decision(json(nullptr)).empty());
}

TEST(OpaResult, SingleValuesOfCompleteRules) {
  ASSERT_EQ(decision(json("denied")).size(), 1u);
  ASSERT_EQ(decision(json{{"msg", "x"}}).size(), 1u);
  const auto bare = decision(json(true));
  ASSERT_EQ(bare.size(), 1u);
  EXPECT_EQ(bare[0].message, "");  // the validator words it
}

TEST(OpaResult, UnusableShapesAreErrorsNotPasses) {
  EXPECT_NE(decision_error(json(3)).find("got a number"), std::string::npos);
  EXPECT_NE(decision_error(json::parse(R"({"deny": []})")).find("without \"msg\""),
            std::string::npos);
  EXPECT_NE(decision_error(json::parse(R"([{"reason": "x"}])")).find("string \"msg\""),
            std::string::npos);
  EXPECT_NE(decision_error(json::parse(R"([{"msg": 1}])")).find("string \"msg\""),
            std::string::npos);
  EXPECT_NE(decision_error(json::parse(R"([{"msg": "m", "severity": "fatal"}])"))
                .find("\"severity\" must be"),
            std::string::npos);
  EXPECT_NE(decision_error(json::parse(R"([{"msg": "m", "field": 3}])")).find("`field`"),
            std::string::npos);
  EXPECT_NE(decision_error(json::parse(R"([{"msg": "m", "field": ["a", -1]}])")).find("indices"),
            std::string::npos);
  EXPECT_NE(decision_error(json::parse(R"([[1]])")).find("got an array"), std::string::npos);
}

TEST(OpaResult, ConftestPackageRules) {
  Result<std::vector<OpaViolation>> v = violations_from_package(json::parse(R"({
      "deny": ["d1"],
      "deny_latest": [{"msg": "d2", "field": "spec.image"}],
      "violation": [{"msg": "v1", "details": {}}],
      "warn": ["w1"],
      "warn_x": [],
      "denylist": ["not a rule kind"],
      "helper": 3,
      "exception": [["deny"]]})"));
  ASSERT_TRUE(v) << v.error().message;
  std::vector<std::tuple<std::string, Severity, std::string>> got;
  for (const OpaViolation& x : v.value()) got.emplace_back(x.rule, x.severity, x.message);
  EXPECT_EQ(got, (std::vector<std::tuple<std::string, Severity, std::string>>{
                     {"deny", Severity::kError, "d1"},
                     {"deny_latest", Severity::kError, "d2"},
                     {"violation", Severity::kError, "v1"},
                     {"warn", Severity::kWarning, "w1"},
                 }));
  EXPECT_EQ(v.value()[1].field, "spec.image");
}

TEST(OpaResult, ConftestSeverityComesFromTheRuleName) {
  Result<std::vector<OpaViolation>> v =
      violations_from_package(json::parse(R"({"warn": [{"msg": "w", "severity": "error"}]})"));
  ASSERT_TRUE(v);
  ASSERT_EQ(v.value().size(), 1u);
  EXPECT_EQ(v.value()[0].severity, Severity::kWarning);
}

TEST(OpaResult, ConftestBadShapes) {
  EXPECT_FALSE(violations_from_package(json::array()));
  Result<std::vector<OpaViolation>> v =
      violations_from_package(json::parse(R"({"deny": [{"message_typo": "x"}]})"));
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().message.rfind("rule deny: ", 0), 0u) << v.error().message;
}

TEST(OpaResult, MessagesAreSafeForATerminal) {
  EXPECT_EQ(sanitize_policy_text("a\nb\x1b[31mred\x1b[0m\tc", 100), "a b [31mred [0m c");
  EXPECT_EQ(sanitize_policy_text("x\xc2\x9b"
                                 "31m",
                                 100),
            "x 31m");  // C1 CSI
  EXPECT_EQ(sanitize_policy_text("ééééé", 3), "ééé...");
  const auto v = decision(json::array({std::string(5000, 'x')}));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].message.size(), kMaxPolicyMessageChars + 3);
}

}  // namespace
}  // namespace pushgate
