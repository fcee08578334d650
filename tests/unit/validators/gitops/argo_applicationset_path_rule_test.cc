#include "validators/gitops/argo_applicationset_path_rule.h"

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

constexpr const char* kRule = "gitops/argo-applicationset-path";

Config with_repositories() {
  Config config;
  config.policies.rules[kRule].options.values["repositories"] =
      std::vector<std::string>{"https://github.com/acme/fleet.git"};
  return config;
}

// An ApplicationSet with one git generator; `items` is the YAML under `git:` after repoURL.
std::string application_set(const std::string& repo, const std::string& items) {
  return "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: apps}\n"
         "spec:\n  generators:\n  - git:\n      repoURL: " +
         repo + "\n" + items + "  template: {}\n";
}

TEST(ArgoApplicationSetPathRule, GoPathMatchSyntax) {
  EXPECT_EQ(ArgoApplicationSetPathRule::go_path_match_regex("apps/*"), "apps\\/[^/]*");
  EXPECT_EQ(ArgoApplicationSetPathRule::go_path_match_regex("a[^b]?"), "a[^b][^/]");
  EXPECT_EQ(ArgoApplicationSetPathRule::go_path_match_regex("a[b"), "");
}

TEST(ArgoApplicationSetPathRule, ReportsPatternsThatMatchNothing) {
  const MemorySnapshot tree({
      {"apps/web/deploy.yaml", "kind: ConfigMap\n"},
      {"apps/db/deploy.yaml", "kind: ConfigMap\n"},
      {"apps/.hidden/x.yaml", "kind: ConfigMap\n"},
      {"clusters/prod/config.json", "{}\n"},
      {"sets/ok.yaml", application_set("https://github.com/acme/fleet",
                                       "      directories:\n      - path: apps/*\n"
                                       "      - path: apps/db\n        exclude: true\n"
                                       "      files:\n      - path: clusters/**/config.json\n")},
      {"sets/bad.yaml", application_set("git@github.com:acme/fleet.git",
                                        "      directories:\n      - path: app/*\n"
                                        "      - path: apps/.hidden\n"
                                        "      - path: apps/db\n"
                                        "      - path: apps/*\n        exclude: true\n"
                                        "      files:\n      - path: clusters/*/config.yaml\n")},
      {"sets/other.yaml",
       application_set("https://github.com/acme/other", "      directories:\n      - path: x\n")},
      {"sets/templated.yaml", application_set("https://github.com/acme/fleet",
                                              "      directories:\n      - path: '{{.dir}}'\n")},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule, with_repositories()),
            (Strings{"sets/bad.yaml:9:15 gitops/argo-applicationset-path",
                     "sets/bad.yaml:10:15 gitops/argo-applicationset-path",
                     "sets/bad.yaml:11:15 gitops/argo-applicationset-path",
                     "sets/bad.yaml:15:15 gitops/argo-applicationset-path"}));
  const FindingList findings = check_tree_findings(tree, {}, {}, kRule, with_repositories());
  ASSERT_EQ(findings.size(), 4u);
  EXPECT_EQ(findings[0].json_path, "spec.generators[0].git.directories[0].path");
  EXPECT_NE(findings[0].message.find("directories pattern `app/*` of ApplicationSet apps matches "
                                     "no folder of this repository"),
            std::string::npos)
      << findings[0].message;
  EXPECT_NE(findings[2].message.find("matches only folders that an `exclude: true` entry removes"),
            std::string::npos);
  EXPECT_EQ(findings[3].json_path, "spec.generators[0].git.files[0].path");
  EXPECT_EQ(check_tree(tree, {}, {}, kRule), Strings{});  // opt-in
}

TEST(ArgoApplicationSetPathRule, LooksIntoMatrixAndMergeGenerators) {
  const MemorySnapshot tree({
      {"apps/web/deploy.yaml", "kind: ConfigMap\n"},
      {"sets/matrix.yaml",
       "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: m}\nspec:\n"
       "  generators:\n  - matrix:\n      generators:\n      - clusters: {}\n"
       "      - git:\n          repoURL: https://github.com/acme/fleet\n"
       "          directories: [{path: apps/*}, {path: gone/*}]\n"},
  });
  const FindingList findings = check_tree_findings(tree, {}, {}, kRule, with_repositories());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].json_path,
            "spec.generators[0].matrix.generators[1].git.directories[1].path");
  EXPECT_EQ(findings[0].position, (Position{11, 48}));
}

TEST(ArgoApplicationSetPathRule, APushReportsWhatItBrokeOrTouched) {
  const std::string set =
      application_set("https://github.com/acme/fleet",
                      "      directories:\n      - path: apps/*\n      - path: old/*\n");
  const MemorySnapshot base({
      {"apps/web/deploy.yaml", "kind: ConfigMap\n"},
      {"sets/apps.yaml", set},
  });
  const MemorySnapshot emptied({
      {"apps/deploy.yaml", "kind: ConfigMap\n"},
      {"sets/apps.yaml", set},
  });
  // The push removes the last folder `apps/*` matched: reported; `old/*` was empty already.
  EXPECT_EQ(check_change(base, emptied, kRule, with_repositories()),
            (Strings{"sets/apps.yaml:9:15 gitops/argo-applicationset-path"}));
  const MemorySnapshot touched({
      {"apps/web/deploy.yaml", "kind: ConfigMap\n"},
      {"sets/apps.yaml", set + "# touched\n"},
  });
  EXPECT_EQ(check_change(base, touched, kRule, with_repositories()),
            (Strings{"sets/apps.yaml:10:15 gitops/argo-applicationset-path"}));
}

// A push reports only what a full check of the new tree reports, and everything a full check of
// the new tree reports that a full check of the old tree did not.
TEST(ArgoApplicationSetPathRule, PushFindingsAgreeWithFullChecksOnRandomPushes) {
  std::mt19937 random(3);
  const Strings patterns = {"apps/*", "apps/a", "other/*", "*/b", "apps/?"};
  const Strings files = {"apps/a/x.yaml", "apps/b/x.yaml", "other/c/x.yaml", "other/b/x.json"};
  const Strings sets = {"sets/one.yaml", "sets/two.yaml"};
  auto pick = [&](const Strings& from) { return from[random() % from.size()]; };
  auto random_set = [&]() {
    std::string items = "      directories:\n      - path: " + pick(patterns) + "\n";
    if (random() % 2) items += "      - path: " + pick(patterns) + "\n        exclude: true\n";
    if (random() % 2)
      items += "      files:\n      - path: '**/x." + pick({"yaml", "json"}) + "'\n";
    return application_set("https://github.com/acme/fleet", items);
  };
  // By position: why a pattern yields nothing (no folder, only excluded ones) may change while it
  // stays broken; the contract is about the pattern.
  int pushes_with_findings = 0;
  for (int round = 0; round < 150; ++round) {
    std::map<std::string, std::string> before;
    for (const std::string& path : files) {
      if (random() % 3 != 0) before[path] = "kind: ConfigMap\n";
    }
    for (const std::string& path : sets) before[path] = random_set();
    std::map<std::string, std::string> after = before;
    for (int edits = 1 + static_cast<int>(random() % 2); edits > 0; --edits) {
      if (random() % 3 == 0) {
        after[pick(sets)] = random_set();
        continue;
      }
      const std::string path = pick(files);
      if (after.contains(path)) {
        after.erase(path);
      } else {
        after[path] = "kind: ConfigMap\n";
      }
    }
    const MemorySnapshot old_tree(before), new_tree(after);
    const Config config = with_repositories();
    const std::set<std::string> push = testing::expect_push_agrees_with_full_checks(
        old_tree, new_tree, kRule, config, round, testing::FindingKey::kPosition);
    pushes_with_findings += push.empty() ? 0 : 1;
  }
  EXPECT_GT(pushes_with_findings, 20);  // the random trees do break patterns
}

}  // namespace
}  // namespace pushgate
