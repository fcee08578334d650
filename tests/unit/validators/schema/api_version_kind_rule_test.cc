#include "validators/schema/api_version_kind_rule.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

FindingList run(const std::string& path, const std::string& text) {
  const ParsedFile file = parse_yaml(path, text, ParseLimits{});
  FindingList out;
  ApiVersionKindRule().check_file(FileContext{file, text}, out);
  return out;
}

TEST(ApiVersionKindRule, FlagsAHalfObject) {
  const FindingList out = run("a.yaml", "kind: Deployment\nmetadata: {name: web}\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rule, "schema/api-version-kind");
  EXPECT_EQ(out[0].position, (Position{1, 1}));
  EXPECT_NE(out[0].message.find("no `apiVersion`"), std::string::npos);
}

TEST(ApiVersionKindRule, FlagsNonStringValuesAndSaysQuote) {
  const FindingList out = run("a.yaml", "---\nx: 1\n---\napiVersion: v1\nkind: 12\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].position, (Position{5, 7}));
  EXPECT_EQ(out[0].document, 1);
  EXPECT_NE(out[0].message.find("quote it"), std::string::npos);
}

TEST(ApiVersionKindRule, NearMissesProduceNothing) {
  EXPECT_TRUE(run("values.yaml", "image: {tag: 1.0}\n").empty());
  EXPECT_TRUE(run("a.yaml", "apiVersion: apps/v1\nkind: Deployment\n").empty());
  EXPECT_TRUE(run("charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n").empty());
  EXPECT_TRUE(run("Chart.yaml", "apiVersion: v1\nname: web\n").empty());
  EXPECT_TRUE(run("a.yaml", "- apiVersion: v1\n").empty());
  // Issue 13, class 9: a chart's values with a `kind:` setting are Helm values, not an object.
  EXPECT_TRUE(run("charts/web/values.yaml", "kind: Deployment\nreplicas: 2\n").empty());
  EXPECT_EQ(run("charts/web/my-values.yaml", "kind: Deployment\n").size(), 1u);
}

}  // namespace
}  // namespace pushgate
