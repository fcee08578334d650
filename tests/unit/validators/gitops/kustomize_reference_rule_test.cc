#include "validators/gitops/kustomize_reference_rule.h"

#include <gtest/gtest.h>

#include <algorithm>
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

constexpr const char* kRule = "gitops/kustomize-reference";

TEST(KustomizeReferenceRule, AcceptsATreeThatHoldsTogether) {
  const MemorySnapshot tree({
      {"apps/base/kustomization.yaml",
       "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
       "resources:\n- deploy.yaml\n- ./svc.yaml\n"
       "configMapGenerator:\n- name: cfg\n  files: [app.conf, extra=conf/extra.ini]\n"
       "  envs: [.env]\n"},
      {"apps/base/deploy.yaml", "kind: Deployment\n"},
      {"apps/base/svc.yaml", "kind: Service\n"},
      {"apps/base/app.conf", "x=1\n"},
      {"apps/base/conf/extra.ini", "y=2\n"},
      {"apps/base/.env", "A=1\n"},
      {"apps/prod/kustomization.yml",
       "resources: [../base, https://github.com/org/repo//deploy?ref=v1]\n"
       "components: [../components/tls]\n"
       "patches:\n- path: patch.yaml\n- patch: |-\n    - op: remove\n      path: /spec\n"
       "patchesStrategicMerge:\n- replicas.yaml\n- |-\n  kind: Deployment\n"
       "crds: [crds/crd.yaml]\nopenapi: {path: schema.json}\n"},
      {"apps/prod/patch.yaml", "kind: Deployment\n"},
      {"apps/prod/replicas.yaml", "kind: Deployment\n"},
      {"apps/prod/crds/crd.yaml", "kind: CustomResourceDefinition\n"},
      {"apps/prod/schema.json", "{}"},
      {"apps/components/tls/Kustomization", "kind: Component\n"},
      {"vendor/lib", "submodule:"},
      {"apps/sub/kustomization.yaml", "resources: [../../vendor/lib/deploy, link.yaml]\n"},
      {"apps/sub/link.yaml", "symlink:../base/deploy.yaml"},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule), Strings{});
}

TEST(KustomizeReferenceRule, ReportsEachBrokenReferenceAtItsListItem) {
  const MemorySnapshot tree({
      {"k/kustomization.yaml",
       "resources:\n"
       "- missing.yaml\n"        // 2:3 does not exist
       "- ../plain\n"            // 3:3 folder without a kustomization
       "- ../../outside.yaml\n"  // 4:3 escapes the root
       "- ./deploy.yaml\n"
       "- deploy.yaml\n"               // 6:3 listed twice
       "patches:\n- path: ../plain\n"  // 8:9 a folder where a file is needed
       "configMapGenerator:\n- name: c\n  files: [key=gone.conf]\n"  // 11:11
       "crds: [/etc/crd.yaml]\n"},                                   // 12:8 absolute
      {"k/deploy.yaml", "kind: Deployment\n"},
      {"plain/a.yaml", "kind: A\n"},
  });
  const FindingList findings = check_tree_findings(tree, {}, {}, kRule);
  Strings got;
  for (const Finding& f : findings) {
    got.push_back(std::to_string(f.position.line) + ":" + std::to_string(f.position.column));
    EXPECT_EQ(f.severity, Severity::kError);
    EXPECT_EQ(f.path, "k/kustomization.yaml");
  }
  EXPECT_EQ(got, (Strings{"2:3", "3:3", "4:3", "6:3", "8:9", "11:11", "12:8"}));
  EXPECT_NE(findings[0].message.find("`missing.yaml` in resources does not exist"),
            std::string::npos);
  EXPECT_NE(findings[1].message.find("folder without a kustomization.yaml"), std::string::npos);
  EXPECT_NE(findings[2].message.find("outside the repository root"), std::string::npos);
  EXPECT_NE(findings[3].message.find("listed twice in resources (first at line 5)"),
            std::string::npos);
  EXPECT_NE(findings[4].message.find("is a folder, not a file"), std::string::npos);
  EXPECT_EQ(findings[0].source_line, "- missing.yaml");  // code frames work for tree findings
}

// Argo CD appends an Application source's kustomize patches (by path) and components to the
// kustomization at its path: one that leaves the repository from there is reported at its line,
// as written (never resolved); inside the tree, remote, or under a source path that itself
// leaves the tree (gitops/argo-source-path's), nothing.
TEST(KustomizeReferenceRule, ReportsArgoKustomizePathsThatLeaveTheTree) {
  const std::string app =
      "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\n"
      "spec:\n"
      "  source:\n"                                        // 6
      "    path: apps/web\n"                               // 7
      "    kustomize:\n"                                   // 8
      "      patches:\n"                                   // 9
      "        - path: ../../../../etc/passwd.yaml\n"      // 10: leaves
      "        - path: ../shared/patch.yaml\n"             // 11
      "        - patch: '[]'\n"                            // 12
      "      components:\n"                                // 13
      "        - ../../components/tls\n"                   // 14
      "        - /srv/components/x\n"                      // 15: absolute
      "        - https://github.com/org/repo//c?ref=v1\n"  // 16: remote
      "  sources:\n"                                       // 17
      "    - path: ../outside\n"                           // 18
      "      kustomize:\n"
      "        components: [../../x]\n"  // 20
      "    - path: apps\n"
      "      kustomize:\n"
      "        components: [../../x]\n";  // 23: leaves
  const MemorySnapshot tree({{"argo/web.yaml", app}, {"cm.yaml", "kind: ConfigMap\n"}});
  const FindingList findings = check_tree_findings(tree, {}, {}, kRule);
  EXPECT_EQ(testing::describe_findings(findings),
            (Strings{"argo/web.yaml:10:17 gitops/kustomize-reference",
                     "argo/web.yaml:15:11 gitops/kustomize-reference",
                     "argo/web.yaml:23:22 gitops/kustomize-reference"}));
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0].message,
            "`../../../../etc/passwd.yaml` in kustomize.patches points outside the repository "
            "root; kustomize builds only from files in this repository, so move what it needs "
            "into it");
  EXPECT_EQ(findings[0].json_path, "spec.source.kustomize.patches[0].path");
  EXPECT_EQ(findings[2].json_path, "spec.sources[1].kustomize.components[0]");
  // A push that does not change the Application does not report it again.
  EXPECT_EQ(check_tree(tree, {"cm.yaml"}, {}, kRule), Strings{});
}

// The template of an ApplicationSet likewise, where its path and the entry are literal.
TEST(KustomizeReferenceRule, ReportsApplicationSetTemplatePathsThatLeaveTheTree) {
  auto set = [](const std::string& path, const std::string& component) {
    return "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: web}\n"
           "spec:\n  template:\n    spec:\n      source:\n        path: " +
           path + "\n        kustomize:\n          components:\n            - " + component +
           "\n";  // the component at 11:15
  };
  EXPECT_EQ(check_tree(MemorySnapshot({{"argo/set.yaml", set("apps", "../../x")}}), {}, {}, kRule),
            Strings{"argo/set.yaml:11:15 gitops/kustomize-reference"});
  const FindingList findings = check_tree_findings(
      MemorySnapshot({{"argo/set.yaml", set("apps", "../../x")}}), {}, {}, kRule);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].json_path, "spec.template.spec.source.kustomize.components[0]");
  EXPECT_EQ(
      check_tree(MemorySnapshot({{"argo/set.yaml", set("'{{path}}'", "../../x")}}), {}, {}, kRule),
      Strings{});
  EXPECT_EQ(check_tree(MemorySnapshot({{"argo/set.yaml", set("apps", "'../{{x}}/../..'")}}), {}, {},
                       kRule),
            Strings{});
  EXPECT_EQ(check_tree(MemorySnapshot({{"argo/set.yaml", set("apps", "../components/x")}}), {}, {},
                       kRule),
            Strings{});
}

TEST(KustomizeReferenceRule, IgnoresFluxKustomizationsAndUnparsableFiles) {
  const MemorySnapshot tree({
      {"clusters/kustomization.yaml",
       "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
       "metadata: {name: apps}\nspec: {path: ./apps, prune: true}\nresources: [nope.yaml]\n"},
      {"bad/kustomization.yaml", "resources: [\n"},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule), Strings{});
}

// A push that deletes a file still listed elsewhere is judged at the kustomization that lists it,
// though the kustomization itself did not change.
TEST(KustomizeReferenceRule, JudgesUnchangedKustomizationsThatReferToADeletedPath) {
  const MemorySnapshot tree({
      {"base/kustomization.yaml", "resources: [deploy.yaml, svc.yaml]\n"},
      {"base/deploy.yaml", "kind: Deployment\n"},
      {"other/kustomization.yaml", "resources: [gone.yaml]\n"},  // already broken, not affected
  });
  EXPECT_EQ(check_tree(tree, {}, {"base/svc.yaml"}, kRule),
            Strings{"base/kustomization.yaml:1:26 gitops/kustomize-reference"});
  EXPECT_EQ(check_tree(tree, {"README.md"}, {"unrelated.yaml"}, kRule), Strings{});
  // A folder base whose kustomization is deleted.
  const MemorySnapshot overlay({
      {"prod/kustomization.yaml", "resources: [../base]\n"},
      {"base/deploy.yaml", "kind: Deployment\n"},
  });
  EXPECT_EQ(check_tree(overlay, {}, {"base/kustomization.yaml"}, kRule),
            Strings{"prod/kustomization.yaml:1:13 gitops/kustomize-reference"});
}

TEST(KustomizeReferenceRule, OffByPolicy) {
  Config config;
  config.policies.rules[kRule].enabled = false;
  const MemorySnapshot tree(
      std::map<std::string, std::string>{{"kustomization.yaml", "resources: [gone.yaml]\n"}});
  EXPECT_EQ(check_tree(tree, {}, {}, kRule, config), Strings{});
}

// Incremental equals full: on random trees and random pushes, (1) every finding of a push is one
// a full check of the new tree reports too, and (2) every finding a full check of the new tree
// reports that a full check of the old tree did not (what the push broke) is reported by the
// push.
TEST(KustomizeReferenceRule, PushFindingsAgreeWithFullChecksOnRandomPushes) {
  std::mt19937 random(20261126);
  const Strings folders = {"", "base", "apps/prod", "apps/dev", "shared"};
  const Strings names = {"a.yaml", "b.yaml", "c.yaml"};
  auto pick = [&](const Strings& from) { return from[random() % from.size()]; };
  auto join = [](const std::string& folder, const std::string& name) {
    return folder.empty() ? name : folder + "/" + name;
  };
  // A reference from `from` to a random file or folder, written relative to `from`.
  auto relative = [&](const std::string& from) {
    std::string up;
    for (char c : from) up += c == '/' ? "../" : "";
    if (!from.empty()) up += "../";
    const std::string folder = pick(folders);
    return up + (random() % 3 == 0 ? (folder.empty() ? std::string(".") : folder)
                                   : join(folder, pick(names)));
  };
  auto random_tree = [&] {
    std::map<std::string, std::string> files;
    for (const std::string& folder : folders) {
      for (const std::string& name : names) {
        if (random() % 2 == 0) files[join(folder, name)] = "kind: ConfigMap\n";
      }
      if (random() % 3 != 0) {
        std::string k = "resources:\n";
        for (int i = static_cast<int>(random() % 4); i > 0; --i)
          k += "- " + relative(folder) + "\n";
        k += "patches:\n- path: " + relative(folder) + "\n";
        files[join(folder, "kustomization.yaml")] = k;
      }
    }
    return files;
  };
  for (int round = 0; round < 200; ++round) {
    std::map<std::string, std::string> before = random_tree();
    std::map<std::string, std::string> after = before;
    Strings changed, deleted;
    for (int edits = 1 + static_cast<int>(random() % 3); edits > 0; --edits) {
      const std::string folder = pick(folders);
      const std::string path =
          join(folder, random() % 3 == 0 ? std::string("kustomization.yaml") : pick(names));
      if (after.contains(path) && random() % 2 == 0) {
        after.erase(path);
        deleted.push_back(path);
      } else {
        after[path] = path.ends_with("kustomization.yaml")
                          ? "resources: [" + relative(folder) + "]\n"
                          : "kind: Secret\n";
        changed.push_back(path);
      }
    }
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    std::erase_if(deleted, [&](const std::string& p) { return after.contains(p); });
    std::erase_if(changed, [&](const std::string& p) { return !after.contains(p); });
    const MemorySnapshot old_tree(before), new_tree(after);
    auto as_set = [](const FindingList& list) {
      std::set<std::string> out;
      for (const Finding& f : list) {
        out.insert(f.path + ":" + std::to_string(f.position.line) + ":" +
                   std::to_string(f.position.column) + " " + f.message);
      }
      return out;
    };
    const std::set<std::string> full_old = as_set(check_tree_findings(old_tree, {}, {}, kRule));
    const std::set<std::string> full_new = as_set(check_tree_findings(new_tree, {}, {}, kRule));
    if (changed.empty() && deleted.empty()) continue;
    const std::set<std::string> push =
        as_set(check_tree_findings(new_tree, changed, deleted, kRule));
    // As a hook judges it: which kustomizations the push reaches comes from the object index the
    // previous push left (summaries, no parse). The same findings as parsing them.
    ObjectIndexStore index = ObjectIndexStore::open("/nonexistent/pushgate-index", "test");
    (void)TreeView(old_tree, ParseLimits{}, {}, &index).inventory();
    EXPECT_EQ(as_set(testing::check_change_findings(old_tree, new_tree, kRule, Config{}, &index)),
              as_set(testing::check_change_findings(old_tree, new_tree, kRule)))
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
