#include "validators/gitops/kustomize_patch_target_rule.h"

#include <gtest/gtest.h>

#include "tests/support/memory_snapshot.h"

namespace pushgate {
namespace {

using testing::check_tree;
using testing::check_tree_findings;
using testing::MemorySnapshot;
using Strings = std::vector<std::string>;

constexpr const char* kRule = "gitops/kustomize-patch-target";

const char* kDeploy =
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {tier: front}\n";

TEST(KustomizePatchTargetRule, APatchThatMatchesNothingIsReportedAtItsListItem) {
  const MemorySnapshot tree({
      {"base/kustomization.yaml", "namePrefix: b-\nresources: [deploy.yaml]\n"},
      {"base/deploy.yaml", kDeploy},
      {"prod/kustomization.yaml",
       "resources: [../base]\n"
       "configMapGenerator: [{name: env, literals: [a=b]}]\n"
       "patches:\n"
       "- path: good.yaml\n"                            // web, as written
       "- path: webb.yaml\n"                            // 5:3 matches nothing
       "- target: {kind: Deployment, name: 'b-w.*'}\n"  // after the base's prefix
       "  patch: '[{op: add, path: /spec/paused, value: true}]'\n"
       "- target: {kind: Deployment, labelSelector: tier=back}\n"  // 8:3 selects nothing
       "  patch: '[{op: add, path: /spec/paused, value: true}]'\n"
       "- target: {kind: ConfigMap, name: env}\n"  // the generator's
       "  patch: '[{op: add, path: /data/c, value: d}]'\n"},
      {"prod/good.yaml",
       "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"
       "spec: {replicas: 2}\n"},
      {"prod/webb.yaml",
       "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: webb}\n"
       "spec: {replicas: 2}\n"},
  });
  const FindingList findings = check_tree_findings(tree, {}, {}, kRule);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].path, "prod/kustomization.yaml");
  EXPECT_EQ(findings[0].position, (Position{5, 3}));
  EXPECT_EQ(findings[0].severity, Severity::kWarning);
  EXPECT_NE(findings[0].message.find("kind `Deployment`, name `webb`, which nothing this "
                                     "kustomization renders matches: kustomize refuses the build"),
            std::string::npos)
      << findings[0].message;
  EXPECT_EQ(findings[1].position, (Position{8, 3}));
  EXPECT_NE(findings[1].message.find("labelSelector `tier=back`"), std::string::npos);
  EXPECT_NE(findings[1].message.find("it changes nothing"), std::string::npos);
}

TEST(KustomizePatchTargetRule, NotJudgedWhereTheRenderIsNotSeen) {
  for (const char* resources :
       {"resources: [https://github.com/org/repo//deploy?ref=v1]\n", "resources: [missing.yaml]\n",
        "resources: [deploy.yaml]\nhelmCharts: [{name: x}]\n"}) {
    const MemorySnapshot tree({
        {"k/kustomization.yaml", std::string(resources) + "patches: [{path: p.yaml}]\n"},
        {"k/deploy.yaml", kDeploy},
        {"k/p.yaml",
         "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: other}\n"
         "spec: {replicas: 2}\n"},
    });
    EXPECT_TRUE(check_tree(tree, {}, {}, kRule).empty()) << resources;
  }
}

TEST(KustomizePatchTargetRule, APushJudgesWhatItTouched) {
  const MemorySnapshot tree({
      {"base/kustomization.yaml", "resources: [deploy.yaml]\n"},
      {"base/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\n"},
      {"prod/kustomization.yaml", "resources: [../base]\npatches: [{path: p.yaml}]\n"},
      {"prod/p.yaml",
       "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"
       "spec: {replicas: 2}\n"},
      {"other/x.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"},
  });
  // Renaming the base's Deployment breaks the unchanged overlay's patch.
  EXPECT_EQ(check_tree(tree, {"base/deploy.yaml"}, {}, kRule),
            (Strings{"prod/kustomization.yaml:2:11 gitops/kustomize-patch-target"}));
  EXPECT_TRUE(check_tree(tree, {"other/x.yaml"}, {}, kRule).empty());
}

}  // namespace
}  // namespace pushgate
