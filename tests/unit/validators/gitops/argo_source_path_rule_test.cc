#include "validators/gitops/argo_source_path_rule.h"

#include <gtest/gtest.h>

#include "tests/support/memory_snapshot.h"

namespace pushgate {
namespace {

using testing::check_tree;
using testing::MemorySnapshot;
using Strings = std::vector<std::string>;

constexpr const char* kRule = "gitops/argo-source-path";

Config with_repositories() {
  Config config;
  config.policies.rules[kRule].options.values["repositories"] =
      std::vector<std::string>{"https://github.com/acme/fleet.git"};
  return config;
}

std::string application(const std::string& repo, const std::string& path) {
  return "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web}\nspec:\n"
         "  source:\n    repoURL: " +
         repo + "\n    path: " + path + "\n";
}

TEST(ArgoSourcePathRule, NormalizesRepositoryUrls) {
  EXPECT_EQ(ArgoSourcePathRule::normalize_url("https://GitHub.com/acme/fleet.git/"),
            "github.com/acme/fleet");
  EXPECT_EQ(ArgoSourcePathRule::normalize_url("git@github.com:acme/fleet.git"),
            "github.com/acme/fleet");
  EXPECT_EQ(ArgoSourcePathRule::normalize_url("ssh://git@github.com/acme/fleet"),
            "github.com/acme/fleet");
}

TEST(ArgoSourcePathRule, ReportsPathsOfThisRepositoryThatAreNoFolder) {
  const MemorySnapshot tree({
      {"apps/web/deploy.yaml", "kind: ConfigMap\n"},
      {"argo/ok.yaml", application("git@github.com:acme/fleet", "apps/web")},
      {"argo/root.yaml", application("https://github.com/acme/fleet", ".")},
      {"argo/typo.yaml", application("https://github.com/acme/fleet.git", "apps/wbe")},
      {"argo/file.yaml", application("https://github.com/acme/fleet", "apps/web/deploy.yaml")},
      {"argo/up.yaml", application("https://github.com/acme/fleet", "../x")},
      {"argo/other.yaml", application("https://github.com/acme/other", "nope")},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule, with_repositories()),
            (Strings{"argo/file.yaml:7:11 gitops/argo-source-path",
                     "argo/typo.yaml:7:11 gitops/argo-source-path",
                     "argo/up.yaml:7:11 gitops/argo-source-path"}));
  // Off unless configured (opt-in).
  EXPECT_EQ(check_tree(tree, {}, {}, kRule), Strings{});
}

TEST(ArgoSourcePathRule, ADeletionReachesApplicationsInUnchangedFiles) {
  const MemorySnapshot tree({
      {"argo/web.yaml", application("https://github.com/acme/fleet", "apps/web")},
      {"argo/gone.yaml", application("https://github.com/acme/fleet", "apps/old")},
      {"apps/db/x.yaml", "kind: ConfigMap\n"},
  });
  // Only a change elsewhere: nothing judged but what changed.
  EXPECT_EQ(check_tree(tree, {"apps/db/x.yaml"}, {}, kRule, with_repositories()), Strings{});
  // A deletion: every Application is judged.
  EXPECT_EQ(check_tree(tree, {}, {"apps/web/deploy.yaml"}, kRule, with_repositories()),
            (Strings{"argo/gone.yaml:7:11 gitops/argo-source-path",
                     "argo/web.yaml:7:11 gitops/argo-source-path"}));
}

}  // namespace
}  // namespace pushgate
