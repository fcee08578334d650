#include "validators/k8s/selector_mismatch_rule.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

FindingList run(const std::string& selector, const std::string& labels,
                const std::string& kind = "Deployment") {
  const std::string text =
      "apiVersion: apps/v1\nkind: " + kind +
      "\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: " + selector +
      "\n  template:\n    metadata:\n      labels: " + labels + "\n";
  const ParsedFile file = parse_yaml("web.yaml", text, ParseLimits{});
  FindingList out;
  const FileContext context{file, text};
  SelectorMismatchRule().check_run(RunContext{std::span(&context, 1), "", "", "", ""}, out);
  return out;
}

TEST(SelectorMismatchRule, MatchLabelsMissingFromTheTemplate) {
  const FindingList out = run("{matchLabels: {app: web}}", "{app: webb}");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rule, "k8s/selector-mismatch");
  EXPECT_EQ(out[0].position, (Position{5, 33}));
  EXPECT_EQ(out[0].json_path, "spec.selector.matchLabels.app");
  EXPECT_NE(out[0].message.find("Deployment shop/web: spec.selector.matchLabels `app: web` does "
                                "not match the pod template's labels (`app: webb`)"),
            std::string::npos)
      << out[0].message;
  EXPECT_EQ(run("{matchLabels: {app: web}}", "{}", "StatefulSet").size(), 1u);
}

TEST(SelectorMismatchRule, MatchExpressions) {
  EXPECT_EQ(
      run("{matchExpressions: [{key: tier, operator: In, values: [db]}]}", "{tier: web}").size(),
      1u);
  EXPECT_EQ(run("{matchExpressions: [{key: tier, operator: Exists}]}", "{app: web}").size(), 1u);
  EXPECT_EQ(run("{matchExpressions: [{key: tier, operator: DoesNotExist}]}", "{tier: x}").size(),
            1u);
  EXPECT_EQ(
      run("{matchExpressions: [{key: tier, operator: NotIn, values: [x]}]}", "{tier: x}").size(),
      1u);
}

TEST(SelectorMismatchRule, NearMissesProduceNothing) {
  EXPECT_TRUE(run("{matchLabels: {app: web}}", "{app: web, tier: front}").empty());
  EXPECT_TRUE(
      run("{matchExpressions: [{key: tier, operator: In, values: [a, web]}]}", "{tier: web}")
          .empty());
  EXPECT_TRUE(run("{matchExpressions: [{key: tier, operator: NotIn, values: [x]}]}", "{}").empty());
  EXPECT_TRUE(run("{matchLabels: {app: web}}", "{app: other}", "Job").empty());  // not apps/v1
}

// Issue 13, class 2: labels the kustomizations applying the file add to the pod template count.
TEST(SelectorMismatchRule, LabelsAddedByTransformersCount) {
  const std::string deploy =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n"
      "  selector: {matchLabels: {app: web, tier: front}}\n  template:\n"
      "    metadata: {labels: {app: web}}\n";
  auto check = [&](const std::string& kustomization) {
    const ParsedFile k = parse_yaml("base/kustomization.yaml", kustomization, ParseLimits{});
    const ParsedFile d = parse_yaml("base/deploy.yaml", deploy, ParseLimits{});
    const std::vector<FileContext> files{{k, kustomization}, {d, deploy}};
    FindingList out;
    SelectorMismatchRule().check_run(RunContext{files, "", "", "", ""}, out);
    return out;
  };
  EXPECT_TRUE(check("resources: [deploy.yaml]\nlabels:\n- pairs: {tier: front}\n"
                    "  includeTemplates: true\n")
                  .empty());
  EXPECT_TRUE(check("resources: [deploy.yaml]\ncommonLabels: {tier: front}\n").empty());
  // Labels on metadata only do not reach the template: still refused, at the selector.
  const FindingList out = check("resources: [deploy.yaml]\nlabels:\n- pairs: {tier: front}\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].path, "base/deploy.yaml");
  EXPECT_EQ(out[0].json_path, "spec.selector.matchLabels.tier");
  // A file no kustomization lists is judged as written.
  EXPECT_EQ(check("resources: []\ncommonLabels: {tier: front}\n").size(), 1u);
}

}  // namespace
}  // namespace pushgate
