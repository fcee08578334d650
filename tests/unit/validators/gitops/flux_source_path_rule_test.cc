#include "validators/gitops/flux_source_path_rule.h"

#include <gtest/gtest.h>

#include "tests/support/memory_snapshot.h"

namespace pushgate {
namespace {

using testing::check_tree;
using testing::MemorySnapshot;
using Strings = std::vector<std::string>;

constexpr const char* kRule = "gitops/flux-source-path";

Config with_sources() {
  Config config;
  config.policies.rules[kRule].options.values["sources"] = std::vector<std::string>{"flux-system"};
  return config;
}

std::string kustomization(const std::string& source_kind, const std::string& source,
                          const std::string& path) {
  return "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
         "metadata: {name: apps, namespace: flux-system}\nspec:\n  prune: true\n  sourceRef: "
         "{kind: " +
         source_kind + ", name: " + source + "}\n  path: " + path + "\n";
}

TEST(FluxSourcePathRule, ReportsPathsOfThisRepositoryThatAreNoFolder) {
  const MemorySnapshot tree({
      {"apps/staging/a.yaml", "kind: ConfigMap\n"},
      {"clusters/ok.yaml", kustomization("GitRepository", "flux-system", "./apps/staging")},
      {"clusters/root.yaml", kustomization("GitRepository", "flux-system", "./")},
      {"clusters/typo.yaml", kustomization("GitRepository", "flux-system", "./apps/stage")},
      {"clusters/up.yaml", kustomization("GitRepository", "flux-system", "../outside")},
      {"clusters/oci.yaml", kustomization("OCIRepository", "flux-system", "./nope")},
      {"clusters/other.yaml", kustomization("GitRepository", "platform", "./nope")},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule, with_sources()),
            (Strings{"clusters/typo.yaml:7:9 gitops/flux-source-path",
                     "clusters/up.yaml:7:9 gitops/flux-source-path"}));
  EXPECT_EQ(check_tree(tree, {}, {}, kRule), Strings{});  // opt-in
}

TEST(FluxSourcePathRule, ADeletionReachesKustomizationsInUnchangedFiles) {
  const MemorySnapshot tree({
      {"clusters/apps.yaml", kustomization("GitRepository", "flux-system", "./apps/staging")},
      {"infra/x.yaml", "kind: ConfigMap\n"},
  });
  EXPECT_EQ(check_tree(tree, {"infra/x.yaml"}, {}, kRule, with_sources()), Strings{});
  EXPECT_EQ(check_tree(tree, {}, {"apps/staging/a.yaml"}, kRule, with_sources()),
            Strings{"clusters/apps.yaml:7:9 gitops/flux-source-path"});
}

// A `sources` entry with a namespace names a sourceRef by the namespace it is applied in: the
// Kustomization's own as applied (an enclosing kustomization's `namespace:` over what it
// states), not as written.
TEST(FluxSourcePathRule, MatchesSourcesByTheNamespaceAsApplied) {
  auto flux = [](const std::string& name, const std::string& metadata_namespace) {
    return "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: " +
           name + metadata_namespace +
           "}\nspec:\n  sourceRef: {kind: GitRepository, name: " + "fleet}\n  path: ./apps/nope\n";
  };
  const MemorySnapshot tree({
      {"apps/prod/a.yaml", "kind: ConfigMap\n"},
      // Unstated here, flux-system once applied: the source is flux-system/fleet.
      {"clusters/prod/kustomization.yaml", "resources: [apps.yaml]\nnamespace: flux-system\n"},
      {"clusters/prod/apps.yaml", flux("apps", "")},
      // States flux-system, but is applied in `tenants`: the source is tenants/fleet.
      {"clusters/tenants/kustomization.yaml", "resources: [apps.yaml]\nnamespace: tenants\n"},
      {"clusters/tenants/apps.yaml", flux("tenant-apps", ", namespace: flux-system")},
      // Applied by nothing, states nothing: unknown, so only a bare `fleet` entry names it.
      {"loose/apps.yaml", flux("loose", "")},
  });
  Config config;
  config.policies.rules[kRule].options.values["sources"] =
      std::vector<std::string>{"flux-system/fleet"};
  EXPECT_EQ(check_tree(tree, {}, {}, kRule, config),
            Strings{"clusters/prod/apps.yaml:6:9 gitops/flux-source-path"});
  config.policies.rules[kRule].options.values["sources"] = std::vector<std::string>{"fleet"};
  EXPECT_EQ(check_tree(tree, {}, {}, kRule, config),
            (Strings{"clusters/prod/apps.yaml:6:9 gitops/flux-source-path",
                     "clusters/tenants/apps.yaml:6:9 gitops/flux-source-path",
                     "loose/apps.yaml:6:9 gitops/flux-source-path"}));
}

}  // namespace
}  // namespace pushgate
