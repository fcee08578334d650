#include "validators/gitops/flux_source_ref_rule.h"

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

constexpr const char* kRule = "gitops/flux-source-ref";
constexpr const char* kExternalRule = "gitops/flux-source-external";

std::string source(const std::string& kind, const std::string& name, const std::string& ns = "") {
  return "apiVersion: source.toolkit.fluxcd.io/v1\nkind: " + kind + "\nmetadata:\n  name: " + name +
         "\n" + (ns.empty() ? "" : "  namespace: " + ns + "\n") + "spec:\n  interval: 1h\n";
}

// sourceRef at line 6, its kind at 7:11 and name at 8:11.
std::string kustomization(const std::string& kind, const std::string& name,
                          const std::string& ns = "flux-system") {
  return "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n"
         "  name: apps\n  namespace: " +
         ns + "\nspec:\n  sourceRef:\n    kind: " + kind + "\n    name: " + name + "\n";
}

std::string helm_release(const std::string& chart_ref) {
  return "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: web\n"
         "spec:\n" +
         chart_ref;
}

TEST(FluxSourceRefRule, ResolvesSourcesAndReportsBrokenOnes) {
  const MemorySnapshot tree({
      {"flux/git.yaml", source("GitRepository", "flux-system", "flux-system")},
      {"flux/helm.yaml", source("HelmRepository", "bitnami")},
      {"k/ok.yaml", kustomization("GitRepository", "flux-system")},
      {"k/typo.yaml", kustomization("GitRepository", "flux-sytem")},
      {"k/kind.yaml", kustomization("HelmRepository", "bitnami")},
      {"k/other-ns.yaml", kustomization("GitRepository", "flux-system", "apps")},
      {"k/unset-ns.yaml", kustomization("GitRepository", "flux-system", "\"\"")},
      {"h/ok.yaml", helm_release("  chart:\n    spec:\n      chart: nginx\n      sourceRef:\n"
                                 "        kind: HelmRepository\n        name: bitnami\n")},
      {"h/oci.yaml", helm_release("  chartRef:\n    kind: OCIRepository\n    name: web\n")},
      {"h/wrong.yaml", helm_release("  chartRef:\n    kind: HelmRepository\n    name: bitnami\n")},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule), (Strings{"h/wrong.yaml:7:11 gitops/flux-source-ref",
                                                      "k/kind.yaml:8:11 gitops/flux-source-ref",
                                                      "k/other-ns.yaml:9:11 gitops/flux-source-ref",
                                                      "k/typo.yaml:9:11 gitops/flux-source-ref"}));
  // No OCIRepository in the tree at all: it may live elsewhere, a warning of its own rule.
  const FindingList external = check_tree_findings(tree, {}, {}, kExternalRule);
  ASSERT_EQ(external.size(), 1u);
  EXPECT_EQ(external[0].path, "h/oci.yaml");
  EXPECT_EQ(external[0].severity, Severity::kWarning);
  EXPECT_NE(external[0].message.find("may live in another repository"), std::string::npos);

  const FindingList findings = check_tree_findings(tree, {}, {}, kRule);
  ASSERT_EQ(findings.size(), 4u);
  EXPECT_EQ(findings[3].message,
            "source GitRepository flux-system/flux-sytem of Kustomization flux-system/apps is not "
            "defined in the tree; did you mean `flux-system`");
  EXPECT_EQ(findings[3].json_path, "spec.sourceRef.name");
  EXPECT_EQ(findings[1].message,
            "`spec.sourceRef` of Kustomization flux-system/apps names a HelmRepository, which Flux "
            "does not accept there; use one of GitRepository, OCIRepository, Bucket, "
            "ExternalArtifact");
}

// A reference resolves in the namespaces objects are applied in (issue 13): a HelmRelease that
// states none gets its kustomization's `namespace:` (or a Flux Kustomization's
// targetNamespace), and so does a sourceRef without a namespace; so does the source.
TEST(FluxSourceRefRule, ResolvesInTheNamespacesObjectsAreAppliedIn) {
  const std::string ref =
      "  chart:\n    spec:\n      chart: nginx\n      sourceRef:\n"
      "        kind: HelmRepository\n        name: bitnami\n";  // its name at 11:15
  const MemorySnapshot tree({
      {"infra/repo.yaml", source("HelmRepository", "bitnami", "infra")},
      // Applied in flux-system, where there is no bitnami: broken.
      {"apps/web/kustomization.yaml", "namespace: flux-system\nresources:\n  - release.yaml\n"},
      {"apps/web/release.yaml", helm_release(ref)},
      // Applied in infra, beside it.
      {"apps/ok/kustomization.yaml", "namespace: infra\nresources:\n  - release.yaml\n"},
      {"apps/ok/release.yaml", helm_release(ref)},
      // A source that states no namespace, applied in team by the Flux Kustomization's
      // targetNamespace, as is the release beside it: found. A release there that names one in
      // flux-system (stated): found too.
      {"clusters/team.yaml",
       "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n"
       "  name: team\n  namespace: flux-system\nspec:\n  path: ./team\n"
       "  targetNamespace: team\n  sourceRef:\n    kind: GitRepository\n"
       "    name: flux-system\n"},
      {"team/repo.yaml", source("HelmRepository", "charts")},
      {"team/release.yaml", helm_release("  chart:\n    spec:\n      chart: nginx\n"
                                         "      sourceRef:\n        kind: HelmRepository\n"
                                         "        name: charts\n")},
      // One file applied in two namespaces (two overlays of one base): unknown, not judged.
      {"base/kustomization.yaml", "resources:\n  - release.yaml\n"},
      {"base/release.yaml", helm_release(ref)},
      {"overlays/a/kustomization.yaml", "namespace: a\nresources:\n  - ../../base\n"},
      {"overlays/b/kustomization.yaml", "namespace: infra\nresources:\n  - ../../base\n"},
      // Under the Flux path but in a folder whose kustomization does not list it: not applied
      // by that Flux Kustomization, as written (no namespace: not judged).
      {"team/sub/kustomization.yaml", "resources: []\n"},
      {"team/sub/release.yaml", helm_release(ref)},
  });
  const FindingList findings = check_tree_findings(tree, {}, {}, kRule);
  EXPECT_EQ(testing::describe_findings(findings),
            Strings{"apps/web/release.yaml:11:15 gitops/flux-source-ref"});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message,
            "source HelmRepository flux-system/bitnami of HelmRelease flux-system/web is not "
            "defined in the tree; the HelmRepository `bitnami` of the tree is applied in namespace "
            "`infra`: set `namespace: infra` in the reference, or move one of them");

  // A push that only changes the kustomization's namespace breaks the reference: reported.
  const MemorySnapshot fixed({
      {"infra/repo.yaml", source("HelmRepository", "bitnami", "infra")},
      {"apps/web/kustomization.yaml", "namespace: infra\nresources:\n  - release.yaml\n"},
      {"apps/web/release.yaml", helm_release(ref)},
  });
  const MemorySnapshot moved({
      {"infra/repo.yaml", source("HelmRepository", "bitnami", "infra")},
      {"apps/web/kustomization.yaml", "namespace: web\nresources:\n  - release.yaml\n"},
      {"apps/web/release.yaml", helm_release(ref)},
  });
  EXPECT_EQ(check_change(fixed, moved, "gitops/flux-source-ref"),
            Strings{"apps/web/release.yaml:11:15 gitops/flux-source-ref"});
  EXPECT_EQ(check_change(moved, fixed, "gitops/flux-source-ref"), Strings{});
}

TEST(FluxSourceRefRule, ArtifactGeneratorsDefineExternalArtifacts) {
  const MemorySnapshot tree({
      {"flux/artifacts.yaml",
       "apiVersion: source.extensions.fluxcd.io/v1beta1\nkind: ArtifactGenerator\nmetadata:\n"
       "  name: flux-system\n  namespace: flux-system\nspec:\n  artifacts:\n"
       "    - name: apps\n    - name: infrastructure\n"},
      {"k/apps.yaml", kustomization("ExternalArtifact", "apps")},
      {"k/infra.yaml", kustomization("ExternalArtifact", "infrastructre")},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, "gitops/flux-source"),
            Strings{"k/infra.yaml:9:11 gitops/flux-source-ref"});
}

TEST(FluxSourceRefRule, ExternalSourcesAreNotReported) {
  const MemorySnapshot tree({
      {"flux/git.yaml", source("GitRepository", "platform")},
      {"k/a.yaml", kustomization("GitRepository", "cluster")},
      {"h/oci.yaml", helm_release("  chartRef:\n    kind: OCIRepository\n    name: web\n")},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule).size(), 1u);
  Config config;
  config.policies.rules[kRule].options.values["external"] =
      std::vector<std::string>{"flux-system/cluster", "web"};
  EXPECT_EQ(check_tree(tree, {}, {}, "gitops/flux-source", config), Strings{});
}

// Issue 13, class 6: `flux bootstrap` and the Flux Operator create GitRepository (or
// OCIRepository) flux-system/flux-system; a tree with other GitRepositories references it without
// defining it. Defined elsewhere under that name, a reference to the missing one stays an error.
TEST(FluxSourceRefRule, BootstrapSourceFluxSystemIsNotBroken) {
  const MemorySnapshot tree({
      {"flux/git.yaml", source("GitRepository", "platform", "flux-system")},
      {"flux/oci.yaml", source("OCIRepository", "charts", "flux-system")},
      {"k/git.yaml", kustomization("GitRepository", "flux-system")},
      {"k/oci.yaml", kustomization("OCIRepository", "flux-system")},
      {"k/typo.yaml", kustomization("GitRepository", "flux-sytem")},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, "gitops/flux-source"),
            Strings{"k/typo.yaml:9:11 gitops/flux-source-ref"});
  const MemorySnapshot elsewhere({
      {"flux/git.yaml", source("GitRepository", "flux-system", "apps")},
      {"k/git.yaml", kustomization("GitRepository", "flux-system")},
  });
  EXPECT_EQ(check_tree(elsewhere, {}, {}, kRule),
            Strings{"k/git.yaml:9:11 gitops/flux-source-ref"});
  // The tree keeps what bootstrap writes (gotk-sync.yaml), under another name: renamed, broken.
  const MemorySnapshot renamed({
      {"clusters/prod/flux-system/gotk-sync.yaml",
       source("GitRepository", "cluster", "flux-system")},
      {"k/git.yaml", kustomization("GitRepository", "flux-system")},
  });
  EXPECT_EQ(check_tree(renamed, {}, {}, kRule), Strings{"k/git.yaml:9:11 gitops/flux-source-ref"});
}

TEST(FluxSourceRefRule, APushReportsWhatItBrokeOrTouched) {
  const std::map<std::string, std::string> files = {
      {"flux/git.yaml", source("GitRepository", "platform")},
      {"k/old-typo.yaml", kustomization("GitRepository", "platfrom")},  // broken before
      {"k/apps.yaml", kustomization("GitRepository", "platform")},
      {"x.yaml", "kind: ConfigMap\n"},
  };
  const MemorySnapshot base(files);
  auto edited = files;
  edited["x.yaml"] = "kind: ConfigMap\nmetadata: {name: x}\n";
  EXPECT_EQ(check_change(base, MemorySnapshot(edited), kRule), Strings{});
  // Renaming the source breaks the unchanged apps.yaml: reported there. old-typo.yaml was broken
  // before, but its message changes (no did-you-mean now), as a full check's would: reported.
  edited["flux/git.yaml"] = source("GitRepository", "cluster");
  EXPECT_EQ(check_change(base, MemorySnapshot(edited), kRule),
            (Strings{"k/apps.yaml:9:11 gitops/flux-source-ref",
                     "k/old-typo.yaml:9:11 gitops/flux-source-ref"}));
  edited["flux/git.yaml"] = files.at("flux/git.yaml");
  edited["flux/more.yaml"] = source("GitRepository", "cluster");  // the typo's hint is unchanged
  EXPECT_EQ(check_change(base, MemorySnapshot(edited), kRule), Strings{});
  // Touching the file with the old typo reports it.
  edited = files;
  edited["k/old-typo.yaml"] += "  prune: true\n";
  EXPECT_EQ(check_change(base, MemorySnapshot(edited), kRule),
            Strings{"k/old-typo.yaml:9:11 gitops/flux-source-ref"});
}

// A push reports only what a full check of the new tree reports, and everything that a full
// check of the new tree reports and one of the old tree did not.
TEST(FluxSourceRefRule, PushFindingsAgreeWithFullChecksOnRandomPushes) {
  std::mt19937 random(7);
  const Strings paths = {"a.yaml", "b.yaml", "c/d.yaml", "c/e.yaml", "f.yaml"};
  const Strings names = {"flux-system", "apps", "appz"};
  const Strings kinds = {"GitRepository", "OCIRepository", "HelmRepository"};
  auto pick = [&](const Strings& from) { return from[random() % from.size()]; };
  auto random_file = [&]() -> std::string {
    switch (random() % 4) {
      case 0:
        return source(pick(kinds), pick(names), random() % 2 ? "flux-system" : "");
      case 1:
        return kustomization(pick(kinds), pick(names), random() % 2 ? "flux-system" : "other");
      case 2:
        return helm_release("  chart:\n    spec:\n      sourceRef:\n        kind: " + pick(kinds) +
                            "\n        name: " + pick(names) + "\n");
      default:
        return source(pick(kinds), pick(names)) + "---\n" + kustomization(pick(kinds), pick(names));
    }
  };
  int reported = 0;
  for (int round = 0; round < 200; ++round) {
    const testing::RandomPush change = testing::random_push(
        random, paths, [&](const std::string&) { return random_file(); }, 3, 2);
    const MemorySnapshot old_tree(change.before), new_tree(change.after);
    const std::string prefix = "gitops/flux-source-";
    const std::set<std::string> push = testing::expect_push_agrees_with_full_checks(
        old_tree, new_tree, prefix, Config{}, round, testing::FindingKey::kPositionAndMessage);
    reported += static_cast<int>(push.size());
  }
  EXPECT_GT(reported, 50);  // the rounds exercise the rule
}

}  // namespace
}  // namespace pushgate
