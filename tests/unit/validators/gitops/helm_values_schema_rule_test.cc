#include "validators/gitops/helm_values_schema_rule.h"

#include <gtest/gtest.h>

#include "tests/support/memory_snapshot.h"

namespace pushgate {
namespace {

using testing::check_tree;
using testing::check_tree_findings;
using testing::MemorySnapshot;
using Strings = std::vector<std::string>;

constexpr const char* kRule = "gitops/helm-values-schema";

const std::string kSchema = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "required": ["image"],
  "additionalProperties": false,
  "properties": {
    "image": {"type": "string"},
    "replicas": {"type": "integer", "minimum": 1}
  }
})";

TEST(HelmValuesSchemaRule, ChecksDefaultsWholeAndOverridesWithoutRequired) {
  const MemorySnapshot tree({
      {"charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n"},
      {"charts/web/values.schema.json", kSchema},
      {"charts/web/values.yaml", "image: web:1.0\nreplicas: 2\n"},
      {"charts/web/values-prod.yaml", "replicas: 3\n"},  // no image: the merge has it
      {"charts/web/values-dev.yaml", "replicas: \"two\"\nextra: 1\n"},
      {"charts/web/templates/values-x.yaml", "replicas: zero\n"},  // not a values file of the chart
      {"other/values.yaml", "replicas: nope\n"},                   // no chart, no schema
  });
  const FindingList findings = check_tree_findings(tree, {}, {}, kRule);
  Strings got;
  for (const Finding& f : findings) {
    got.push_back(f.path + ":" + std::to_string(f.position.line) + ":" +
                  std::to_string(f.position.column));
  }
  EXPECT_EQ(got, (Strings{"charts/web/values-dev.yaml:1:11", "charts/web/values-dev.yaml:2:1"}));
  ASSERT_FALSE(findings.empty());
  EXPECT_NE(findings[0].message.find("charts/web/values.schema.json"), std::string::npos);
}

TEST(HelmValuesSchemaRule, DefaultsMustHaveRequiredKeys) {
  const MemorySnapshot tree({
      {"Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n"},
      {"values.schema.json", kSchema},
      {"values.yaml", "replicas: 0\n"},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule),
            (Strings{"values.yaml:1:11 gitops/helm-values-schema",
                     "values.yaml:1:1 gitops/helm-values-schema"}));
  // Untouched by the push: not judged.
  EXPECT_EQ(check_tree(tree, {"Chart.yaml"}, {}, kRule), Strings{});
  EXPECT_EQ(check_tree(tree, {"values.schema.json"}, {}, kRule).size(), 2u);
}

TEST(HelmValuesSchemaRule, ASchemaThatDoesNotCompileIsReportedAtTheSchema) {
  const MemorySnapshot tree({
      {"c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 1.0.0\n"},
      {"c/values.schema.json", R"({"properties": {"a": {"$ref": "#/definitions/missing"}}})"},
      {"c/values.yaml", "a: 1\n"},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule),
            Strings{"c/values.schema.json:1:1 gitops/helm-values-schema"});
}

}  // namespace
}  // namespace pushgate
