// Custom rules end to end: pushgate.yaml text -> the real loader -> CustomRuleValidator -> the
// policy pass. Each assertion kind has a passing and a failing object; config mistakes are
// config errors at the right line:col.
#include "validators/custom/custom_rule_validator.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/unit/policy/policy_test_support.h"

namespace pushgate::testing {
namespace {

// Only the custom/ findings, as "rule severity line:col message".
std::vector<std::string> custom_findings(const std::string& rules_yaml, const std::string& path,
                                         const std::string& manifest) {
  const std::string config = "version: 1\npolicies:\n  profile: minimal\n  custom:\n" + rules_yaml;
  std::vector<std::string> rows;
  for (const Finding& f : check_with_policy(config, path, manifest)) {
    if (f.rule.rfind("custom/", 0) != 0) continue;
    rows.push_back(f.rule + " " + std::string(to_string(f.severity)) + " " +
                   std::to_string(f.position.line) + ":" + std::to_string(f.position.column) + " " +
                   f.message);
  }
  return rows;
}

const std::string kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
  labels: {tier: web}
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: web
          image: docker.io/library/nginx:1.27
        - name: sidecar
          image: ghcr.io/acme/proxy:2.0
)";

TEST(CustomRuleValidator, MatchesFailOnEachValueAtItsPosition) {
  const auto rows = custom_findings(R"(    - id: acme-images
      match: {kinds: [Deployment]}
      assert:
        - {path: "spec.template.spec.containers[*].image", matches: "^ghcr\\.io/acme/"}
)",
                                    "apps/web.yaml", kDeployment);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0],
            "custom/acme-images error 13:18 `spec.template.spec.containers[0].image` must match "
            "`^ghcr\\.io/acme/`, got docker.io/library/nginx:1.27");
}

TEST(CustomRuleValidator, SeverityAndMessageTemplate) {
  const auto rows = custom_findings(R"(    - id: replicas
      severity: warning
      message: "{{path}} is {{value}}; production runs at least 2"
      match: {namespaces: [prod]}
      assert:
        - {path: spec.replicas, minimum: 2}
)",
                                    "apps/web.yaml", kDeployment);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], "custom/replicas warning 8:13 spec.replicas is 1; production runs at least 2");
}

TEST(CustomRuleValidator, MatchSelectsByKindNamespacePathAndLabels) {
  const std::string assertion = R"(
      assert:
        - {path: spec.replicas, minimum: 2}
)";
  auto count = [&](const std::string& match, const std::string& path) {
    return custom_findings("    - id: r\n      match: " + match + assertion, path, kDeployment)
        .size();
  };
  EXPECT_EQ(count("{kinds: [Deployment]}", "a.yaml"), 1u);
  EXPECT_EQ(count("{kinds: [StatefulSet]}", "a.yaml"), 0u);
  EXPECT_EQ(count("{namespaces: [staging]}", "a.yaml"), 0u);
  EXPECT_EQ(count("{apiVersions: [apps/v1]}", "a.yaml"), 1u);
  EXPECT_EQ(count("{apiVersions: [apps/v1beta2]}", "a.yaml"), 0u);
  EXPECT_EQ(count("{paths: [\"clusters/prod/**\"]}", "clusters/prod/web.yaml"), 1u);
  EXPECT_EQ(count("{paths: [\"clusters/prod/**\"]}", "clusters/dev/web.yaml"), 0u);
  EXPECT_EQ(count("{labels: {tier: web}}", "a.yaml"), 1u);
  EXPECT_EQ(count("{labels: {tier: db}}", "a.yaml"), 0u);
}

TEST(CustomRuleValidator, ExistsAndAbsent) {
  const auto missing = custom_findings(R"(    - id: owner
      assert:
        - {path: metadata.labels.owner, exists: true}
)",
                                       "a.yaml", kDeployment);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_NE(missing[0].find("`metadata.labels.owner` is missing"), std::string::npos) << missing[0];
  const auto present = custom_findings(R"(    - id: no-tier
      assert:
        - {path: metadata.labels.tier, absent: true}
)",
                                       "a.yaml", kDeployment);
  ASSERT_EQ(present.size(), 1u);
  EXPECT_EQ(present[0], "custom/no-tier error 6:18 `metadata.labels.tier` must not be set");
}

TEST(CustomRuleValidator, EqualsComparesByYamlType) {
  EXPECT_EQ(
      custom_findings("    - id: r\n      assert:\n        - {path: spec.replicas, equals: 1}\n",
                      "a.yaml", kDeployment)
          .size(),
      0u);
  const auto rows = custom_findings(
      "    - id: r\n      assert:\n        - {path: spec.replicas, equals: \"1\"}\n", "a.yaml",
      kDeployment);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NE(rows[0].find("must equal \"1\", got 1"), std::string::npos) << rows[0];
}

TEST(CustomRuleValidator, InAndNotMatches) {
  const auto in = custom_findings(
      "    - id: ns\n      assert:\n        - {path: metadata.namespace, in: [staging, dev]}\n",
      "a.yaml", kDeployment);
  ASSERT_EQ(in.size(), 1u);
  EXPECT_NE(in[0].find("must be one of \"staging\", \"dev\", got prod"), std::string::npos)
      << in[0];
  const auto not_matches = custom_findings(
      "    - id: no-docker-hub\n      assert:\n        - {path: "
      "\"spec.template.spec.containers[*].image\", not_matches: \"^docker\\\\.io/\"}\n",
      "a.yaml", kDeployment);
  ASSERT_EQ(not_matches.size(), 1u);
  EXPECT_NE(not_matches[0].find("13:18"), std::string::npos) << not_matches[0];
}

TEST(CustomRuleValidator, LengthAndCount) {
  const auto length = custom_findings(
      "    - id: short-names\n      assert:\n        - {path: metadata.name, max_length: 2}\n",
      "a.yaml", kDeployment);
  ASSERT_EQ(length.size(), 1u);
  EXPECT_NE(length[0].find("must be at most 2 long, got 3"), std::string::npos) << length[0];

  const auto count = custom_findings(
      "    - id: one-container\n      assert:\n        - {path: "
      "\"spec.template.spec.containers[*]\", count: 1}\n",
      "a.yaml", kDeployment);
  ASSERT_EQ(count.size(), 1u);
  EXPECT_NE(count[0].find("must match exactly 1 values, found 2"), std::string::npos) << count[0];
  EXPECT_EQ(custom_findings("    - id: c\n      assert:\n        - {path: "
                            "\"spec.template.spec.containers[*]\", count: {min: 1, max: 2}}\n",
                            "a.yaml", kDeployment)
                .size(),
            0u);
}

TEST(CustomRuleValidator, InlineSchemaFragment) {
  const auto rows = custom_findings(R"(    - id: container-shape
      assert:
        - path: "spec.template.spec.containers[*]"
          schema:
            type: object
            required: [name, image, resources]
)",
                                    "a.yaml", kDeployment);
  ASSERT_EQ(rows.size(), 2u);  // both containers lack resources
  EXPECT_NE(rows[0].find("does not conform to the rule's schema"), std::string::npos) << rows[0];
}

TEST(CustomRuleValidator, ExemptedByAnnotationLikeAnyRule) {
  const std::string exempt = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    pushgate.dev/exempt: custom/replicas
    pushgate.dev/exempt-reason: "canary, one replica on purpose"
spec:
  replicas: 1
)";
  const FindingList all = check_with_policy(
      "version: 1\npolicies:\n  profile: minimal\n  custom:\n    - id: replicas\n      assert:\n"
      "        - {path: spec.replicas, minimum: 2}\n",
      "a.yaml", exempt);
  bool error = false, used = false;
  for (const Finding& f : all) {
    error |= f.rule == "custom/replicas" && f.severity == Severity::kError;
    used |= f.severity == Severity::kInfo && f.message.find("custom/replicas") != std::string::npos;
  }
  EXPECT_FALSE(error);
  EXPECT_TRUE(used) << "a used exemption is reported at info level";
}

// Mistakes in custom rules are config errors at their line:col, and the config is refused.
struct ConfigMistake {
  const char* name;
  const char* rule_yaml;
  std::uint32_t line;
  std::uint32_t column;
  const char* says;
};

class CustomRuleConfig : public ::testing::TestWithParam<ConfigMistake> {};

TEST_P(CustomRuleConfig, IsAPositionedConfigError) {
  const ConfigMistake& m = GetParam();
  const ConfigLoad load = load_config_text(
      "pushgate.yaml", std::string("version: 1\npolicies:\n  custom:\n") + m.rule_yaml);
  EXPECT_FALSE(load.config.has_value());
  bool found = false;
  std::string all;
  for (const Finding& f : load.findings) {
    all += std::to_string(f.position.line) + ":" + std::to_string(f.position.column) + " " +
           f.message + "\n";
    found |= f.position.line == m.line && f.position.column == m.column &&
             f.message.find(m.says) != std::string::npos;
  }
  EXPECT_TRUE(found) << "expected " << m.line << ":" << m.column << " saying '" << m.says
                     << "', got:\n"
                     << all;
}

INSTANTIATE_TEST_SUITE_P(
    Mistakes, CustomRuleConfig,
    ::testing::Values(
        ConfigMistake{"bad_regex",
                      "    - id: r\n      assert:\n        - {path: a, matches: \"(\"}\n", 6, 30,
                      "not a valid RE2 pattern"},
        ConfigMistake{"bad_path",
                      "    - id: r\n      assert:\n        - {path: \"a..b\", exists: true}\n", 6,
                      18, "empty segment"},
        ConfigMistake{"no_checks", "    - id: r\n      assert:\n        - {path: a}\n", 6, 11,
                      "checks nothing"},
        ConfigMistake{"unknown_key", "    - id: r\n      assert:\n        - {path: a, maches: x}\n",
                      6, 21, "did you mean `matches`"},
        ConfigMistake{"min_above_max",
                      "    - id: r\n      assert:\n        - {path: a, minimum: 3, maximum: 1}\n",
                      6, 11, "minimum is above maximum"},
        ConfigMistake{"bad_schema",
                      "    - id: r\n      assert:\n        - {path: a, schema: {type: integr}}\n",
                      6, 29, "got \"integr\""}),
    [](const ::testing::TestParamInfo<ConfigMistake>& info) {
      return std::string(info.param.name);
    });

}  // namespace
}  // namespace pushgate::testing
