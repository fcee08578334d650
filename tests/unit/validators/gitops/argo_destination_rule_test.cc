#include "validators/gitops/argo_destination_rule.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "tests/support/memory_snapshot.h"
#include "tests/support/push_agreement.h"
#include "validators/gitops/argo_glob.h"

namespace pushgate {
namespace {

using testing::check_tree;
using testing::check_tree_findings;
using testing::MemorySnapshot;
using Strings = std::vector<std::string>;

constexpr const char* kRule = "gitops/argo-destination";

std::string application(const std::string& destination, const std::string& repo,
                        const std::string& project = "team") {
  return "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web, namespace: "
         "argocd}\nspec:\n  project: " +
         project + "\n  source:\n    repoURL: " + repo + "\n    path: apps/web\n" +
         "  destination: " + destination + "\n";
}

std::string app_project(const std::string& destinations, const std::string& repos) {
  return "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: team, namespace: "
         "argocd}\nspec:\n  destinations: " +
         destinations + "\n  sourceRepos: " + repos + "\n";
}

TEST(ArgoGlob, MatchesAsArgoCd) {
  EXPECT_TRUE(argo_glob_match("*", "anything/at/all", true));
  EXPECT_TRUE(argo_glob_match("team-*", "team-a", false));
  EXPECT_FALSE(argo_glob_match("team-*", "other", false));
  EXPECT_TRUE(argo_glob_match("https://github.com/acme/*", "https://github.com/acme/fleet", true));
  EXPECT_FALSE(argo_glob_match("https://github.com/acme/*", "https://github.com/acme/a/b", true));
  EXPECT_TRUE(argo_glob_match("https://github.com/acme/**", "https://github.com/acme/a/b", true));
  EXPECT_TRUE(argo_glob_match("{dev,prod}-?", "prod-1", false));
  EXPECT_TRUE(argo_glob_match("[!k]*", "web", false));
  EXPECT_FALSE(argo_glob_match("[!k]*", "kube-system", false));
  EXPECT_TRUE(argo_glob_match("!kube-system", "web", false));
  EXPECT_FALSE(argo_glob_match("!kube-system", "kube-system", false));
  EXPECT_FALSE(argo_glob_match("", "web", false));
  EXPECT_TRUE(argo_glob_match("", "", false));
  EXPECT_FALSE(argo_glob_match("{unclosed", "{unclosed", false));  // does not compile
  EXPECT_TRUE(argo_glob_match("a.b", "a.b", false));
  EXPECT_FALSE(argo_glob_match("a.b", "axb", false));
}

TEST(ArgoGlob, NormalizesRepositoryUrlsAsArgoCd) {
  EXPECT_EQ(argo_normalize_git_url(" https://GitHub.com/Acme/Fleet.git "),
            "https://github.com/acme/fleet");
  EXPECT_EQ(argo_normalize_git_url("git@github.com:acme/fleet.git"), "git@github.com/acme/fleet");
  EXPECT_EQ(argo_normalize_git_url("ssh://git@github.com/acme/fleet"), "git@github.com/acme/fleet");
}

TEST(ArgoDestinationRule, ReportsDestinationsAndSourcesTheProjectDoesNotAllow) {
  const std::string project = app_project(
      "[{server: https://kubernetes.default.svc, namespace: 'team-*'}, "
      "{name: prod, namespace: web}]",
      "['https://github.com/acme/*', 'git@github.com:acme/fleet.git']");
  const MemorySnapshot tree({
      {"projects/team.yaml", project},
      {"apps/ok.yaml", application("{server: https://kubernetes.default.svc, namespace: team-web}",
                                   "https://github.com/acme/fleet.git")},
      {"apps/ssh.yaml", application("{name: prod, namespace: web}", "git@github.com:acme/fleet")},
      {"apps/bad-ns.yaml",
       application("{server: https://kubernetes.default.svc, namespace: kube-system}",
                   "https://github.com/acme/fleet")},
      {"apps/bad-repo.yaml",
       application("{server: https://kubernetes.default.svc, namespace: team-a}",
                   "https://github.com/evil/fleet")},
      // Named by server only: the cluster's name is unknown here, so `name: prod` may match.
      {"apps/server-only.yaml", application("{server: https://prod.example.com, namespace: web}",
                                            "https://github.com/acme/x")},
      {"apps/other-project.yaml",
       application("{server: https://x, namespace: y}", "https://z", "elsewhere")},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule),
            (Strings{"apps/bad-ns.yaml:9:68 gitops/argo-destination",
                     "apps/bad-repo.yaml:7:14 gitops/argo-destination"}));
  const FindingList findings = check_tree_findings(tree, {}, {}, kRule);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_NE(findings[0].message.find(
                "destination server `https://kubernetes.default.svc` namespace `kube-system` is "
                "not allowed by AppProject `team`, which allows server "
                "`https://kubernetes.default.svc` namespace `team-*`; name `prod` namespace `web`"),
            std::string::npos)
      << findings[0].message;
  EXPECT_EQ(findings[1].json_path, "spec.source.repoURL");
  EXPECT_NE(
      findings[1].message.find("source repository `https://github.com/evil/fleet` is not "
                               "allowed by AppProject `team`, whose sourceRepos are "
                               "`https://github.com/acme/*`, `git@github.com:acme/fleet.git`"),
      std::string::npos)
      << findings[1].message;
}

TEST(ArgoDestinationRule, DenyPatternsWin) {
  const MemorySnapshot tree({
      {"projects/team.yaml",
       app_project("[{server: '*', namespace: '*'}, {server: '*', namespace: '!kube-system'}]",
                   "['*', '!https://github.com/evil/*']")},
      {"apps/a.yaml", application("{server: https://x, namespace: web}", "https://github.com/a/b")},
      {"apps/b.yaml",
       application("{server: https://x, namespace: kube-system}", "https://github.com/evil/b")},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule), (Strings{"apps/b.yaml:9:47 gitops/argo-destination",
                                                      "apps/b.yaml:7:14 gitops/argo-destination"}));
}

TEST(ArgoDestinationRule, APushReportsWhatItBrokeOrTouched) {
  const std::string app =
      application("{server: https://kubernetes.default.svc, namespace: web}", "https://g/a");
  const MemorySnapshot base({
      {"projects/team.yaml", app_project("[{server: '*', namespace: web}]", "['https://g/*']")},
      {"apps/web.yaml", app},
  });
  // The push narrows the AppProject: the unchanged Application is reported.
  const MemorySnapshot narrowed({
      {"projects/team.yaml", app_project("[{server: '*', namespace: api}]", "['https://g/*']")},
      {"apps/web.yaml", app},
  });
  EXPECT_EQ(testing::check_change(base, narrowed, kRule),
            (Strings{"apps/web.yaml:9:68 gitops/argo-destination"}));
  // Already broken and untouched: a push elsewhere does not report it.
  const MemorySnapshot elsewhere({
      {"projects/team.yaml", app_project("[{server: '*', namespace: api}]", "['https://g/*']")},
      {"apps/web.yaml", app},
      {"other.yaml", "kind: ConfigMap\n"},
  });
  EXPECT_EQ(testing::check_change(narrowed, elsewhere, kRule), Strings{});
}

// A push reports only what a full check of the new tree reports, and everything a full check of
// the new tree reports that a full check of the old tree did not.
TEST(ArgoDestinationRule, PushFindingsAgreeWithFullChecksOnRandomPushes) {
  std::mt19937 random(11);
  const Strings namespaces = {"web", "api", "team-x", "kube-system"};
  const Strings repos = {"https://g/a", "https://g/b/c", "https://evil/a"};
  const Strings allowed_namespaces = {"web", "team-*", "*", "!kube-system", "api"};
  const Strings allowed_repos = {"'https://g/*'", "'*'", "'!https://evil/*'", "'https://g/b/c'"};
  const Strings paths = {"projects/team.yaml", "apps/x.yaml", "apps/y.yaml", "apps/z.yaml"};
  auto pick = [&](const Strings& from) { return from[random() % from.size()]; };
  auto random_file = [&](const std::string& path) {
    if (path.starts_with("projects/")) {
      std::string destinations = "[{server: '*', namespace: '" + pick(allowed_namespaces) + "'}";
      if (random() % 2)
        destinations += ", {server: '*', namespace: '" + pick(allowed_namespaces) + "'}";
      return app_project(
          destinations + "]",
          "[" + pick(allowed_repos) + (random() % 2 ? ", " + pick(allowed_repos) : "") + "]");
    }
    return application("{server: https://k, namespace: " + pick(namespaces) + "}", pick(repos),
                       random() % 5 == 0 ? "other" : "team");
  };
  int pushes_with_findings = 0;
  for (int round = 0; round < 200; ++round) {
    const testing::RandomPush change = testing::random_push(random, paths, random_file, 4, 3);
    const MemorySnapshot old_tree(change.before), new_tree(change.after);
    const std::set<std::string> push = testing::expect_push_agrees_with_full_checks(
        old_tree, new_tree, kRule, Config{}, round, testing::FindingKey::kPosition);
    pushes_with_findings += push.empty() ? 0 : 1;
  }
  EXPECT_GT(pushes_with_findings, 20);  // the random trees do break references
}

}  // namespace
}  // namespace pushgate
