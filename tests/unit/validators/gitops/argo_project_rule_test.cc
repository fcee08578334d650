#include "validators/gitops/argo_project_rule.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "tests/support/memory_snapshot.h"
#include "tests/support/push_agreement.h"

namespace pushgate {
namespace {

using testing::check_change_findings;
using testing::check_tree;
using testing::check_tree_findings;
using testing::MemorySnapshot;
using Strings = std::vector<std::string>;

constexpr const char* kRule = "gitops/argo-project";

std::string application(const std::string& project, const std::string& ns = "argocd") {
  return "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\n" +
         (ns.empty() ? std::string() : "  namespace: " + ns + "\n") +
         "spec:\n  project: " + project + "\n";
}

std::string app_project(const std::string& name, const std::string& ns = "argocd") {
  return "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: " + name + "\n" +
         (ns.empty() ? std::string() : "  namespace: " + ns + "\n") + "spec: {}\n";
}

TEST(ArgoProjectRule, ResolvesProjectsOfTheTreeDefaultAndExternalOnes) {
  const MemorySnapshot tree({
      {"projects/team.yaml", app_project("team-a")},
      {"apps/ok.yaml", application("team-a")},
      {"apps/default.yaml", application("default")},
      {"apps/external.yaml", application("platform")},
      {"apps/typo.yaml", application("team-b")},
      {"apps/no-ns.yaml", application("team-a", "")},
  });
  Config config;
  config.policies.rules[kRule].options.values["external_projects"] =
      std::vector<std::string>{"platform"};
  EXPECT_EQ(check_tree(tree, {}, {}, kRule, config),
            (Strings{"apps/typo.yaml:7:12 gitops/argo-project"}));
  const FindingList findings = check_tree_findings(tree, {}, {}, kRule);
  ASSERT_EQ(findings.size(), 2u);  // without the option, `platform` is unknown too
  EXPECT_EQ(findings[1].path, "apps/typo.yaml");
  EXPECT_EQ(findings[1].json_path, "spec.project");
  EXPECT_NE(findings[1].message.find("names AppProject `team-b`, which is not defined in the tree "
                                     "nor listed in external_projects (did you mean `team-a`?)"),
            std::string::npos)
      << findings[1].message;
}

TEST(ArgoProjectRule, ComparesNamespacesOnlyWhenBothStateOne) {
  const MemorySnapshot tree({
      {"projects/team.yaml", app_project("team-a", "argocd")},
      {"projects/loose.yaml", app_project("loose", "")},
      {"apps/other-ns.yaml", application("team-a", "argo-system")},
      {"apps/loose.yaml", application("loose", "anywhere")},
  });
  const FindingList findings = check_tree_findings(tree, {}, {}, kRule);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].path, "apps/other-ns.yaml");
  EXPECT_NE(findings[0].message.find("defines only in namespace `argocd`, not `argo-system`"),
            std::string::npos)
      << findings[0].message;
}

TEST(ArgoProjectRule, ChecksApplicationSetTemplatesUnlessTemplated) {
  const MemorySnapshot tree({
      {"sets/a.yaml",
       "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: a}\nspec:\n"
       "  template:\n    spec:\n      project: missing\n"},
      {"sets/b.yaml",
       "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: b}\nspec:\n"
       "  template:\n    spec:\n      project: '{{.team}}'\n"},
  });
  const FindingList findings = check_tree_findings(tree, {}, {}, kRule);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].path, "sets/a.yaml");
  EXPECT_EQ(findings[0].position, (Position{7, 16}));
  EXPECT_EQ(findings[0].json_path, "spec.template.spec.project");
}

TEST(ArgoProjectRule, APushReportsWhatItBrokeOrTouched) {
  const MemorySnapshot base({
      {"projects/team.yaml", app_project("team-a")},
      {"apps/web.yaml", application("team-a")},
      {"apps/old.yaml", application("gone")},  // broken before the push
  });
  // Deleting the AppProject breaks the unchanged Application: reported; the old breakage is not.
  const MemorySnapshot without_project({
      {"apps/web.yaml", application("team-a")},
      {"apps/old.yaml", application("gone")},
  });
  EXPECT_EQ(testing::check_change(base, without_project, kRule),
            (Strings{"apps/web.yaml:7:12 gitops/argo-project"}));
  // Touching the file with the old breakage reports it.
  const MemorySnapshot touched({
      {"projects/team.yaml", app_project("team-a")},
      {"apps/web.yaml", application("team-a")},
      {"apps/old.yaml", application("gone") + "# touched\n"},
  });
  EXPECT_EQ(testing::check_change(base, touched, kRule),
            (Strings{"apps/old.yaml:7:12 gitops/argo-project"}));
}

// A push reports only what a full check of the new tree reports, and everything a full check
// of the new tree reports that a full check of the old tree did not.
TEST(ArgoProjectRule, PushFindingsAgreeWithFullChecksOnRandomPushes) {
  std::mt19937 random(7);
  const Strings projects = {"team-a", "team-b", "default", "tema-a"};
  const Strings namespaces = {"", "argocd", "other"};
  const Strings paths = {"p/a.yaml", "p/b.yaml", "apps/x.yaml", "apps/y.yaml", "apps/z.yaml"};
  auto pick = [&](const Strings& from) { return from[random() % from.size()]; };
  auto random_file = [&](const std::string& path) {
    if (path.starts_with("p/")) {
      return app_project(pick(projects), pick(namespaces)) +
             (random() % 2 ? "---\n" + app_project(pick(projects), pick(namespaces)) : "");
    }
    return application(pick(projects), pick(namespaces));
  };
  // By position: the message's did-you-mean may change with the tree, the reference does not.
  int pushes_with_findings = 0;
  for (int round = 0; round < 200; ++round) {
    const testing::RandomPush change = testing::random_push(random, paths, random_file, 4, 2);
    const MemorySnapshot old_tree(change.before), new_tree(change.after);
    const std::set<std::string> push = testing::expect_push_agrees_with_full_checks(
        old_tree, new_tree, kRule, Config{}, round, testing::FindingKey::kPosition);
    pushes_with_findings += push.empty() ? 0 : 1;
  }
  EXPECT_GT(pushes_with_findings, 20);  // the random trees do break references
}

}  // namespace
}  // namespace pushgate
