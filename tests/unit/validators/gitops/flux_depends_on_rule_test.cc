#include "validators/gitops/flux_depends_on_rule.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "tests/support/memory_snapshot.h"
#include "tests/support/push_agreement.h"

namespace pushgate {
namespace {

using testing::check_change;
using testing::check_change_findings;
using testing::check_tree;
using testing::check_tree_findings;
using testing::MemorySnapshot;
using Strings = std::vector<std::string>;

constexpr const char* kRule = "gitops/flux-depends-on";

// dependsOn entry i's name at line 8 + i, column 13.
std::string kustomization(const std::string& name, const Strings& depends_on,
                          const std::string& ns = "flux-system") {
  std::string out =
      "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n"
      "  name: " +
      name + "\n" + (ns.empty() ? "" : "  namespace: " + ns + "\n") + "spec:\n";
  if (!depends_on.empty()) out += "  dependsOn:\n";
  for (const std::string& d : depends_on) out += "    - name: " + d + "\n";
  return out;
}

std::string helm_release(const std::string& name, const Strings& depends_on) {
  std::string out =
      "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n"
      "  name: " +
      name + "\nspec:\n  dependsOn:\n";
  for (const std::string& d : depends_on) out += "    - name: " + d + "\n";
  return out;
}

TEST(FluxDependsOnRule, ReportsMissingDependenciesWithDidYouMean) {
  const MemorySnapshot tree({
      {"k/infra.yaml", kustomization("infra-controllers", {})},
      {"k/apps.yaml", kustomization("apps", {"infra-controllers", "infra-controlers"})},
      {"k/other.yaml", kustomization("other", {"nothing-like-it"})},
      {"h/web.yaml", helm_release("web", {"infra-controllers", "db"})},  // HelmReleases only
      {"h/db.yaml", helm_release("db", {})},
  });
  const FindingList findings = check_tree_findings(tree, {}, {}, kRule);
  EXPECT_EQ(
      testing::describe_findings(findings),
      (Strings{"h/web.yaml:7:13 gitops/flux-depends-on", "k/apps.yaml:9:13 gitops/flux-depends-on",
               "k/other.yaml:8:13 gitops/flux-depends-on"}));
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[1].message,
            "dependency Kustomization flux-system/infra-controlers of Kustomization "
            "flux-system/apps is not defined in the tree, so Flux never reconciles it; did you "
            "mean `infra-controllers`");
  EXPECT_EQ(findings[1].json_path, "spec.dependsOn[1].name");

  Config config;
  config.policies.rules[kRule].options.values["external"] = std::vector<std::string>{
      "flux-system/nothing-like-it", "infra-controlers", "infra-controllers"};
  EXPECT_EQ(check_tree(tree, {}, {}, kRule, config), Strings{});
}

// dependsOn resolves in the namespaces objects are applied in (issue 13): HelmReleases under a
// Flux Kustomization with targetNamespace depend on releases in that namespace, whatever they
// state, and a cycle is spelled in the applied namespaces.
TEST(FluxDependsOnRule, ResolvesInTheNamespacesObjectsAreAppliedIn) {
  auto release_in = [](const std::string& ns, const std::string& name, const Strings& depends_on) {
    std::string out = helm_release(name, depends_on);
    return out.replace(out.find("\nspec:"), 0, "\n  namespace: " + ns);
  };
  const MemorySnapshot tree({
      {"clusters/team.yaml",
       "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n"
       "  name: team\n  namespace: flux-system\nspec:\n  path: ./team\n"
       "  targetNamespace: team\n"},
      {"infra/db.yaml", release_in("infra", "db", {})},
      // team/db is not there (infra/db is): broken. team/cache is: found.
      {"team/web.yaml", helm_release("web", {"db", "cache"})},
      {"team/cache.yaml", helm_release("cache", {})},
      // A stated namespace gives way to the targetNamespace: a and b depend on each other.
      {"team/a.yaml", helm_release("a", {"b"})},
      {"team/b.yaml", release_in("default", "b", {"a"})},
  });
  const FindingList findings = check_tree_findings(tree, {}, {}, kRule);
  EXPECT_EQ(testing::describe_findings(findings),
            (Strings{"team/a.yaml:7:13 gitops/flux-depends-on",
                     "team/web.yaml:7:13 gitops/flux-depends-on"}));
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].message,
            "dependsOn forms a cycle: HelmRelease team/a -> team/b -> team/a; Flux waits on each "
            "forever, so none is reconciled: remove one of these dependencies");
  EXPECT_EQ(findings[1].message,
            "dependency HelmRelease team/db of HelmRelease team/web is not defined in the tree, so "
            "Flux never reconciles it; the HelmRelease `db` of the tree is applied in namespace "
            "`infra`: set `namespace: infra` in the reference, or move one of them");
}

TEST(FluxDependsOnRule, ReportsEachCycleOnceAtItsFirstMember) {
  const MemorySnapshot tree({
      {"a.yaml", kustomization("a", {"b"})},
      {"b.yaml", kustomization("b", {"c"})},
      {"c.yaml", kustomization("c", {"x", "a"})},
      {"x.yaml", kustomization("x", {})},
      {"self.yaml", kustomization("self", {"self"})},
  });
  const FindingList findings = check_tree_findings(tree, {}, {}, kRule);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].path, "a.yaml");
  EXPECT_EQ(findings[0].position, (Position{8, 13}));
  EXPECT_NE(findings[0].message.find("cycle: Kustomization flux-system/a -> flux-system/b -> "
                                     "flux-system/c -> flux-system/a"),
            std::string::npos)
      << findings[0].message;
  EXPECT_EQ(findings[1].path, "self.yaml");
  EXPECT_NE(findings[1].message.find("flux-system/self -> flux-system/self"), std::string::npos);
}

TEST(FluxDependsOnRule, NamespacesAreComparedOnlyWhenBothAreStated) {
  const MemorySnapshot tree({
      {"a.yaml", kustomization("a", {}, "")},                // namespace from elsewhere
      {"b.yaml", kustomization("b", {"a"}, "flux-system")},  // resolves to a
      {"c.yaml", kustomization("c", {}, "apps")},
      {"d.yaml", kustomization("d", {"c"}, "flux-system")},  // c is in apps: missing
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule), Strings{"d.yaml:8:13 gitops/flux-depends-on"});
}

TEST(FluxDependsOnRule, APushReportsWhatItBrokeOrTouched) {
  const std::map<std::string, std::string> files = {
      {"a.yaml", kustomization("a", {"b"})},
      {"b.yaml", kustomization("b", {})},
      {"old.yaml", kustomization("old", {"gone"})},  // broken before
      {"p.yaml", kustomization("p", {"q"})},
      {"q.yaml", kustomization("q", {"p"})},  // a cycle before
  };
  const MemorySnapshot base(files);
  auto edited = files;
  edited["b.yaml"] = kustomization("b", {}) + "  prune: true\n";
  EXPECT_EQ(check_change(base, MemorySnapshot(edited), kRule), Strings{});
  edited.erase("b.yaml");  // a.yaml, unchanged, now depends on nothing
  EXPECT_EQ(check_change(base, MemorySnapshot(edited), kRule),
            Strings{"a.yaml:8:13 gitops/flux-depends-on"});
  edited = files;
  edited["b.yaml"] = kustomization("b", {"a"});  // a new cycle, reported at a.yaml
  EXPECT_EQ(check_change(base, MemorySnapshot(edited), kRule),
            Strings{"a.yaml:8:13 gitops/flux-depends-on"});
  edited = files;
  edited["q.yaml"] += "  prune: true\n";  // touching a member reports its old cycle
  EXPECT_EQ(check_change(base, MemorySnapshot(edited), kRule),
            Strings{"p.yaml:8:13 gitops/flux-depends-on"});
}

TEST(FluxDependsOnRule, PushFindingsAgreeWithFullChecksOnRandomPushes) {
  std::mt19937 random(11);
  const Strings paths = {"a.yaml", "b.yaml", "c/d.yaml", "c/e.yaml", "f.yaml", "g.yaml"};
  const Strings names = {"a", "b", "c", "d"};
  auto pick = [&](const Strings& from) { return from[random() % from.size()]; };
  auto random_object = [&]() {
    Strings deps;
    for (int i = static_cast<int>(random() % 3); i > 0; --i) deps.push_back(pick(names));
    if (random() % 5 == 0) return helm_release(pick(names), deps);
    return kustomization(pick(names), deps, random() % 4 == 0 ? "apps" : "flux-system");
  };
  auto random_file = [&]() {
    return random() % 4 == 0 ? random_object() + "---\n" + random_object() : random_object();
  };
  int reported = 0, cycles = 0;
  for (int round = 0; round < 200; ++round) {
    const testing::RandomPush change = testing::random_push(
        random, paths, [&](const std::string&) { return random_file(); }, 4, 2);
    const MemorySnapshot old_tree(change.before), new_tree(change.after);
    const std::set<std::string> push = testing::expect_push_agrees_with_full_checks(
        old_tree, new_tree, kRule, Config{}, round, testing::FindingKey::kPositionAndMessage);
    reported += static_cast<int>(push.size());
    for (const std::string& f : push) cycles += f.find("cycle") != std::string::npos ? 1 : 0;
  }
  EXPECT_GT(reported, 50);
  EXPECT_GT(cycles, 5);
}

}  // namespace
}  // namespace pushgate
