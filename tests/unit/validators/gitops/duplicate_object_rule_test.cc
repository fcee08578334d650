#include "validators/gitops/duplicate_object_rule.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "core/tree/object_index_store.h"
#include "core/tree/tree_view.h"
#include "tests/support/memory_snapshot.h"

namespace pushgate {
namespace {

using testing::check_tree;
using testing::check_tree_findings;
using testing::MemorySnapshot;
using Strings = std::vector<std::string>;

constexpr const char* kRule = "gitops/duplicate-object";

std::string object(const std::string& kind, const std::string& name, const std::string& ns = "") {
  return "apiVersion: v1\nkind: " + kind + "\nmetadata:\n  name: " + name + "\n" +
         (ns.empty() ? "" : "  namespace: " + ns + "\n");
}

std::string flux_kustomization(const std::string& path) {
  return "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n"
         "  name: apps\n  namespace: flux-system\nspec:\n  path: " +
         path + "\n";
}

TEST(DuplicateObjectRule, ReportsBothPositionsInOneFolder) {
  const MemorySnapshot tree({
      {"clusters/apps.yaml", flux_kustomization("./apps")},  // Flux applies apps/ as one set
      {"apps/a.yaml", object("ConfigMap", "cfg", "shop")},
      {"apps/b.yaml",
       "---\n" + object("Service", "web") + "---\n" + object("ConfigMap", "cfg", "shop")},
      {"other/c.yaml", object("ConfigMap", "cfg", "shop")},  // another folder: applied apart
      {"apps/d.yaml", object("ConfigMap", "cfg", "prod")},   // another namespace
  });
  const FindingList findings = check_tree_findings(tree, {}, {}, kRule);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].path, "apps/a.yaml");
  EXPECT_EQ(findings[0].position, (Position{1, 1}));
  EXPECT_NE(findings[0].message.find("ConfigMap shop/cfg is defined twice in folder apps/ (also at "
                                     "apps/b.yaml:7:1)"),
            std::string::npos)
      << findings[0].message;
  EXPECT_EQ(findings[1].path, "apps/b.yaml");
  EXPECT_EQ(findings[1].position, (Position{7, 1}));
  EXPECT_EQ(findings[1].object, "v1/ConfigMap/shop/cfg");
  EXPECT_EQ(findings[1].severity, Severity::kError);
}

// Issue 13, class 7: a plain folder is one apply set only where a Flux Kustomization's path
// (recursively) or an Argo CD Application's path (recursively only with directory.recurse)
// points at it. Variants side by side in a folder nothing applies are a warning.
TEST(DuplicateObjectRule, OnlyFoldersSomethingAppliesAreApplySets) {
  const std::string argo =
      "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\nspec:\n"
      "  source:\n    path: argo/flat\n";
  const std::string argo_recursive =
      "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: deep\nspec:\n"
      "  sources:\n    - path: argo/deep/\n      directory:\n        recurse: true\n";
  std::map<std::string, std::string> files = {
      {"clusters/ks.yaml", flux_kustomization("./flux")},
      {"clusters/argo.yaml", argo},
      {"clusters/argo-deep.yaml", argo_recursive},
  };
  for (const std::string folder :
       {"flux", "flux/sub", "argo/flat", "argo/flat/sub", "argo/deep/sub", "variants"}) {
    files[folder + "/a.yaml"] = object("ConfigMap", "cfg");
    files[folder + "/b.yaml"] = object("ConfigMap", "cfg");
  }
  const MemorySnapshot tree(files);
  std::vector<std::string> errors, warnings;
  for (const Finding& f : check_tree_findings(tree, {}, {}, kRule)) {
    if (f.rule == kRule) {
      EXPECT_EQ(f.severity, Severity::kError);
      errors.push_back(f.path);
    } else {
      EXPECT_EQ(f.rule, "gitops/duplicate-object-unapplied");
      EXPECT_EQ(f.severity, Severity::kWarning);
      EXPECT_NE(f.message.find("which no Flux Kustomization, Argo CD Application or kustomization "
                               "applies as one set"),
                std::string::npos)
          << f.message;
      warnings.push_back(f.path);
    }
  }
  EXPECT_EQ(errors, (Strings{"argo/deep/sub/a.yaml", "argo/deep/sub/b.yaml", "argo/flat/a.yaml",
                             "argo/flat/b.yaml", "flux/a.yaml", "flux/b.yaml", "flux/sub/a.yaml",
                             "flux/sub/b.yaml"}));
  EXPECT_EQ(warnings, (Strings{"argo/flat/sub/a.yaml", "argo/flat/sub/b.yaml", "variants/a.yaml",
                               "variants/b.yaml"}));
}

// Issue 13, class 1: files a kustomization names as patches are partial objects merged into
// their targets, not objects of their folder.
TEST(DuplicateObjectRule, PatchFilesAreNotObjectsOfTheirFolder) {
  const MemorySnapshot tree({
      {"clusters/ks.yaml", flux_kustomization("./")},
      {"app/kustomization.yaml",
       "resources: [release.yaml]\npatchesStrategicMerge:\n  - patches/env.yaml\n"
       "patches:\n  - path: patches/postgres.yaml\n"},
      {"app/release.yaml", object("ConfigMap", "web")},
      {"app/patches/env.yaml", object("ConfigMap", "web")},
      {"app/patches/postgres.yaml", object("ConfigMap", "web")},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule), Strings{});
}

TEST(DuplicateObjectRule, FollowsWhatAKustomizationRenders) {
  const MemorySnapshot tree({
      {"base/kustomization.yaml", "resources: [cm.yaml]\n"},
      {"base/cm.yaml", object("ConfigMap", "cfg")},
      {"base/unused.yaml", object("ConfigMap", "cfg")},  // not listed: never rendered
      {"prod/kustomization.yaml", "namespace: prod\nresources: [../base, extra.yaml]\n"},
      {"prod/extra.yaml", object("ConfigMap", "cfg", "dev")},  // becomes prod/cfg as well
      {"dev/kustomization.yaml", "resources: [../base, ../dev-extra]\n"},
      {"dev-extra/kustomization.yaml", "namePrefix: x-\nresources: [cm.yaml]\n"},
      {"dev-extra/cm.yaml", object("ConfigMap", "cfg")},  // x-cfg: no clash
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule),
            (Strings{"base/cm.yaml:1:1 gitops/duplicate-object",
                     "prod/extra.yaml:1:1 gitops/duplicate-object"}));
}

TEST(DuplicateObjectRule, ClusterScopedKindsIgnoreTheNamespace) {
  const MemorySnapshot tree({
      {"k/kustomization.yaml", "namespace: apps\nresources: [a.yaml, b.yaml]\n"},
      {"k/a.yaml", object("Namespace", "apps")},
      {"k/b.yaml", object("Namespace", "apps", "other")},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule).size(), 2u);
}

// Issue 13, class 2, as kubectl kustomize renders it: a kustomization's namespace renames the
// Namespace objects it renders (the outermost one wins), and namePrefix/nameSuffix leave Namespace
// and CustomResourceDefinition names alone. redhat-cop/gitops-catalog's servicemesh base builds.
TEST(DuplicateObjectRule, NamespaceObjectsTakeTheKustomizationsNamespace) {
  const MemorySnapshot tree({
      {"base/kustomization.yaml", "resources: [istio, istio-cni]\n"},
      {"base/istio/kustomization.yaml", "namespace: istio-system\nresources: [ns.yaml]\n"},
      {"base/istio/ns.yaml", object("Namespace", "istio-cni")},  // becomes istio-system
      {"base/istio-cni/kustomization.yaml", "namespace: istio-cni\nresources: [ns.yaml]\n"},
      {"base/istio-cni/ns.yaml", object("Namespace", "istio-cni")},
  });
  EXPECT_TRUE(check_tree(tree, {}, {}, kRule).empty());
  // Under one more namespace, both are renamed to it: a real clash, as kustomize says.
  const MemorySnapshot outer({
      {"prod/kustomization.yaml",
       "namespace: prod\nresources: [../base/istio, ../base/istio-cni]\n"},
      {"base/istio/kustomization.yaml", "namespace: istio-system\nresources: [ns.yaml]\n"},
      {"base/istio/ns.yaml", object("Namespace", "istio-cni")},
      {"base/istio-cni/kustomization.yaml", "namespace: istio-cni\nresources: [ns.yaml]\n"},
      {"base/istio-cni/ns.yaml", object("Namespace", "istio-cni")},
  });
  EXPECT_EQ(check_tree(outer, {}, {}, kRule).size(), 2u);
  // A prefix makes two ClusterRoles apart, never two CRDs or Namespaces.
  const MemorySnapshot prefixed({
      {"a/kustomization.yaml", "namePrefix: a-\nresources: [crd.yaml]\n"},
      {"a/crd.yaml",
       "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
       "metadata: {name: foos.example.com}\n"},
      {"b/kustomization.yaml", "resources: [../a, crd.yaml]\n"},
      {"b/crd.yaml",
       "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
       "metadata: {name: foos.example.com}\n"},
  });
  EXPECT_EQ(check_tree(prefixed, {}, {}, kRule).size(), 2u);
}

TEST(DuplicateObjectRule, PushJudgesOnlyWhatItCanAffect) {
  const MemorySnapshot tree({
      {"a/x.yaml", object("ConfigMap", "cfg")},
      {"a/y.yaml", object("ConfigMap", "cfg")},
      {"b/z.yaml", object("Secret", "s")},
  });
  EXPECT_EQ(check_tree(tree, {"b/z.yaml"}, {}, kRule), Strings{});
  EXPECT_EQ(check_tree(tree, {"a/y.yaml"}, {}, kRule).size(), 2u);  // both positions
}

// See KustomizeReferenceRule.PushFindingsAgreeWithFullChecksOnRandomPushes: a push reports only
// what a full check reports, and everything a full check newly reports.
TEST(DuplicateObjectRule, PushFindingsAgreeWithFullChecksOnRandomPushes) {
  std::mt19937 random(42);
  const Strings folders = {"", "base", "apps/prod", "apps/dev"};
  const Strings names = {"a.yaml", "b.yaml", "c.yaml"};
  auto pick = [&](const Strings& from) { return from[random() % from.size()]; };
  auto join = [](const std::string& folder, const std::string& name) {
    return folder.empty() ? name : folder + "/" + name;
  };
  auto up = [](const std::string& from) {
    std::string out;
    for (char c : from) out += c == '/' ? "../" : "";
    return from.empty() ? out : out + "../";
  };
  auto random_file = [&](const std::string& path) -> std::string {
    if (path.ends_with("kustomization.yaml")) {
      const std::string folder(
          path.substr(0, path.size() - std::string("kustomization.yaml").size()));
      const std::string from = folder.empty() ? "" : folder.substr(0, folder.size() - 1);
      std::string k = random() % 2 ? "namespace: n" + std::to_string(random() % 2) + "\n" : "";
      k += "resources:\n";
      for (int i = static_cast<int>(random() % 3); i >= 0; --i) {
        const std::string target = pick(folders);
        k += "- " + up(from) +
             (random() % 2 ? (target.empty() ? "." : target) : join(target, pick(names))) + "\n";
      }
      return k;
    }
    return object("ConfigMap", "c" + std::to_string(random() % 2), random() % 2 ? "n0" : "");
  };
  for (int round = 0; round < 150; ++round) {
    std::map<std::string, std::string> before;
    for (const std::string& folder : folders) {
      for (const std::string& name : names) {
        if (random() % 3 != 0) before[join(folder, name)] = random_file(join(folder, name));
      }
      if (random() % 2) {
        before[join(folder, "kustomization.yaml")] =
            random_file(join(folder, "kustomization.yaml"));
      }
    }
    std::map<std::string, std::string> after = before;
    Strings changed, deleted;
    for (int edits = 1 + static_cast<int>(random() % 2); edits > 0; --edits) {
      const std::string path =
          join(pick(folders), random() % 4 == 0 ? std::string("kustomization.yaml") : pick(names));
      if (after.contains(path) && random() % 2) {
        after.erase(path);
        deleted.push_back(path);
      } else {
        after[path] = random_file(path);
        changed.push_back(path);
      }
    }
    std::erase_if(deleted, [&](const std::string& p) { return after.contains(p); });
    std::erase_if(changed, [&](const std::string& p) { return !after.contains(p); });
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    if (changed.empty() && deleted.empty()) continue;
    auto as_set = [](const FindingList& list) {
      std::set<std::string> out;
      for (const Finding& f : list) {
        out.insert(f.path + ":" + std::to_string(f.position.line) + " " + f.message);
      }
      return out;
    };
    const std::set<std::string> full_old =
        as_set(check_tree_findings(MemorySnapshot(before), {}, {}, kRule));
    const std::set<std::string> full_new =
        as_set(check_tree_findings(MemorySnapshot(after), {}, {}, kRule));
    const std::set<std::string> push =
        as_set(check_tree_findings(MemorySnapshot(after), changed, deleted, kRule));
    // The same push as a hook judges it, the objects of unchanged files read from the object
    // index the previous push left (summaries instead of parsed files): the same findings.
    ObjectIndexStore index = ObjectIndexStore::open("/nonexistent/pushgate-index", "test");
    (void)TreeView(MemorySnapshot(before), ParseLimits{}, {}, &index).inventory();
    EXPECT_EQ(as_set(testing::check_change_findings(MemorySnapshot(before), MemorySnapshot(after),
                                                    kRule, Config{}, &index)),
              as_set(testing::check_change_findings(MemorySnapshot(before), MemorySnapshot(after),
                                                    kRule)))
        << "round " << round;
    for (const std::string& f : push) {
      EXPECT_TRUE(full_new.contains(f)) << "round " << round << ": push-only finding " << f;
    }
    for (const std::string& f : full_new) {
      if (!full_old.contains(f)) {
        EXPECT_TRUE(push.contains(f)) << "round " << round << ": push missed " << f;
      }
    }
  }
}

}  // namespace
}  // namespace pushgate
