#include "validators/gitops/helm_release_values_rule.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "tests/support/memory_snapshot.h"
#include "tests/support/push_agreement.h"

namespace pushgate {
namespace {

using testing::check_change;
using testing::check_tree;
using testing::check_tree_findings;
using testing::MemorySnapshot;
using Strings = std::vector<std::string>;

constexpr const char* kRule = "gitops/helm-release-values";

Config configured() {
  Config config;
  config.policies.rules[kRule].options.values["sources"] = std::vector<std::string>{"flux-system"};
  config.policies.rules[kRule].options.values["repositories"] =
      std::vector<std::string>{"https://github.com/acme/fleet.git"};
  return config;
}

const std::string kChart = "apiVersion: v2\nname: web\nversion: 1.0.0\n";
const std::string kSchema = R"({"type": "object", "required": ["image"], "properties": {)"
                            R"("replicas": {"type": "integer"}, "image": {"type": "string"}}})";

std::string helm_release(const std::string& chart, const std::string& values,
                         const std::string& source = "flux-system") {
  return "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: web, "
         "namespace: apps}\nspec:\n  chart:\n    spec:\n      chart: " +
         chart + "\n      sourceRef: {kind: GitRepository, name: " + source +
         ", namespace: flux-system}\n  values:\n" + values;
}

TEST(HelmReleaseValuesRule, ValidatesValuesOfInTreeChartsAtTheirPositions) {
  const MemorySnapshot tree({
      {"charts/web/Chart.yaml", kChart},
      {"charts/web/values.schema.json", kSchema},
      {"apps/ok.yaml", helm_release("./charts/web", "    replicas: 2\n")},  // image: defaults
      {"apps/bad.yaml", helm_release("./charts/web", "    replicas: two\n    image: web\n")},
      {"apps/other-source.yaml",
       helm_release("./charts/web", "    replicas: two\n", "another-repo")},
      {"apps/no-schema.yaml", helm_release("./charts/none", "    replicas: two\n")},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule, configured()),
            (Strings{"apps/bad.yaml:10:15 gitops/helm-release-values"}));
  const FindingList findings = check_tree_findings(tree, {}, {}, kRule, configured());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].json_path, "spec.values.replicas");
  EXPECT_EQ(findings[0].object, "helm.toolkit.fluxcd.io/v2/HelmRelease/apps/web");
  EXPECT_NE(findings[0].message.find("(charts/web/values.schema.json, for HelmRelease apps/web)"),
            std::string::npos)
      << findings[0].message;
  EXPECT_EQ(check_tree(tree, {}, {}, kRule), Strings{});  // opt-in
}

TEST(HelmReleaseValuesRule, ValidatesArgoValuesObjects) {
  const MemorySnapshot tree({
      {"charts/web/Chart.yaml", kChart},
      {"charts/web/values.schema.json", kSchema},
      {"argo/web.yaml",
       "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web}\nspec:\n"
       "  sources:\n  - repoURL: https://github.com/acme/fleet\n    path: charts/web\n"
       "    helm:\n      valuesObject:\n        replicas: [1]\n"},
  });
  const FindingList findings = check_tree_findings(tree, {}, {}, kRule, configured());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].position, (Position{10, 19}));
  EXPECT_EQ(findings[0].json_path, "spec.sources[0].helm.valuesObject.replicas");
}

TEST(HelmReleaseValuesRule, APushReportsWhatItBrokeOrTouched) {
  const std::string release = helm_release("./charts/web", "    replicas: \"2\"\n");
  const MemorySnapshot base({
      {"charts/web/Chart.yaml", kChart},
      {"charts/web/values.schema.json", R"({"type": "object"})"},
      {"apps/web.yaml", release},
  });
  // The push tightens the schema: the unchanged HelmRelease it breaks is reported.
  const MemorySnapshot tightened({
      {"charts/web/Chart.yaml", kChart},
      {"charts/web/values.schema.json", kSchema},
      {"apps/web.yaml", release},
  });
  EXPECT_EQ(check_change(base, tightened, kRule, configured()),
            (Strings{"apps/web.yaml:10:15 gitops/helm-release-values"}));
  // Already broken, untouched: a push elsewhere does not report it.
  const MemorySnapshot elsewhere({
      {"charts/web/Chart.yaml", kChart},
      {"charts/web/values.schema.json", kSchema},
      {"apps/web.yaml", release},
      {"apps/other.yaml", "kind: ConfigMap\n"},
  });
  EXPECT_EQ(check_change(tightened, elsewhere, kRule, configured()), Strings{});
}

// A push reports only what a full check of the new tree reports, and everything a full check of
// the new tree reports that a full check of the old tree did not.
TEST(HelmReleaseValuesRule, PushFindingsAgreeWithFullChecksOnRandomPushes) {
  std::mt19937 random(5);
  const Strings types = {"integer", "string", "boolean"};
  const Strings values = {"2", "two", "true"};
  const Strings paths = {"charts/web/Chart.yaml", "charts/web/values.schema.json", "apps/a.yaml",
                         "apps/b.yaml"};
  auto pick = [&](const Strings& from) { return from[random() % from.size()]; };
  auto random_file = [&](const std::string& path) -> std::string {
    if (path.ends_with("Chart.yaml")) return kChart;
    if (path.ends_with(".json")) {
      return R"({"type": "object", "properties": {"replicas": {"type": ")" + pick(types) +
             R"("}, "image": {"type": ")" + pick(types) + R"("}}})";
    }
    return helm_release("./charts/web",
                        "    replicas: " + pick(values) + "\n    image: " + pick(values) + "\n");
  };
  int pushes_with_findings = 0;
  for (int round = 0; round < 150; ++round) {
    const testing::RandomPush change = testing::random_push(random, paths, random_file, 5, 3);
    const MemorySnapshot old_tree(change.before), new_tree(change.after);
    const std::set<std::string> push = testing::expect_push_agrees_with_full_checks(
        old_tree, new_tree, kRule, configured(), round, testing::FindingKey::kPositionAndMessage);
    pushes_with_findings += push.empty() ? 0 : 1;
  }
  EXPECT_GT(pushes_with_findings, 20);  // the random trees do break values
}

// The sourceRef's namespace defaults to the HelmRelease's as applied: a `sources` entry
// "flux-system/fleet" names the source of a HelmRelease that states no namespace when the
// kustomization that applies it sets one.
TEST(HelmReleaseValuesRule, MatchesSourcesByTheNamespaceAsApplied) {
  const std::string release =
      "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: web}\nspec:\n"
      "  chart:\n    spec:\n      chart: ./charts/web\n"
      "      sourceRef: {kind: GitRepository, name: fleet}\n  values:\n    replicas: two\n";
  const MemorySnapshot tree({
      {"charts/web/Chart.yaml", kChart},
      {"charts/web/values.schema.json", kSchema},
      {"system/kustomization.yaml", "resources: [web.yaml]\nnamespace: flux-system\n"},
      {"system/web.yaml", release},
      {"loose/web.yaml", release},  // applied by nothing, states nothing: unknown
  });
  Config config;
  config.policies.rules[kRule].options.values["sources"] =
      std::vector<std::string>{"flux-system/fleet"};
  EXPECT_EQ(check_tree(tree, {}, {}, kRule, config),
            Strings{"system/web.yaml:10:15 gitops/helm-release-values"});
}

}  // namespace
}  // namespace pushgate
