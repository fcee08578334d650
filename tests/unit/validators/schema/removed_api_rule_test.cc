#include "validators/schema/removed_api_rule.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

FindingList run(KubernetesVersion target, const std::string& text) {
  const ParsedFile file = parse_yaml("a.yaml", text, ParseLimits{});
  FindingList out;
  RemovedApiRule(target).check_file(FileContext{file, text}, out);
  return out;
}

TEST(RemovedApiRule, RemovedVersionsAreErrorsNamingTheReleaseAndTheReplacement) {
  const FindingList out =
      run({1, 35},
          "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: nightly, namespace: ops}\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rule, "schema/removed-api");
  EXPECT_EQ(out[0].severity, Severity::kError);
  EXPECT_EQ(out[0].position, (Position{1, 13}));
  EXPECT_EQ(out[0].message,
            "CronJob batch/v1beta1 (CronJob ops/nightly) was removed in Kubernetes 1.25 and is "
            "not served by the target 1.35; use apiVersion: batch/v1");
}

TEST(RemovedApiRule, DeprecatedButServedIsAWarning) {
  const FindingList out = run(
      {1, 30},
      "apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata: {name: f}\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rule, "schema/deprecated-api");
  EXPECT_EQ(out[0].severity, Severity::kWarning);
  EXPECT_NE(out[0].message.find("removed in 1.32"), std::string::npos) << out[0].message;
}

TEST(RemovedApiRule, NearMissesProduceNothing) {
  // Before the deprecation, current versions, other kinds of the same group-version.
  EXPECT_TRUE(run({1, 20}, "apiVersion: batch/v1beta1\nkind: CronJob\n").empty());
  EXPECT_TRUE(run({1, 35}, "apiVersion: batch/v1\nkind: CronJob\n").empty());
  EXPECT_TRUE(run({1, 35}, "apiVersion: networking.k8s.io/v1\nkind: Ingress\n").empty());
  EXPECT_TRUE(run({1, 35}, "apiVersion: policy/v1\nkind: PodDisruptionBudget\n").empty());
  EXPECT_EQ(run({1, 22}, "apiVersion: extensions/v1beta1\nkind: Ingress\n").size(), 1u);
  EXPECT_EQ(run({1, 21}, "apiVersion: extensions/v1beta1\nkind: Ingress\n")[0].rule,
            "schema/deprecated-api");
}

}  // namespace
}  // namespace pushgate
