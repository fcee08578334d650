#include "validators/gitops/reference_report.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <random>
#include <set>

#include "tests/support/memory_snapshot.h"
#include "tests/support/push_agreement.h"

namespace pushgate {
namespace {

using testing::check_change_findings;
using testing::check_tree_findings;
using testing::MemorySnapshot;
using Strings = std::vector<std::string>;

std::string source(const std::string& name) {
  return "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: " +
         name + "\n  namespace: flux-system\nspec:\n  interval: 1h\n";
}

std::string kustomization(const std::string& name, const std::string& source_name,
                          const std::string& depends_on) {
  return "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: " +
         name + "\n  namespace: flux-system\nspec:\n  sourceRef:\n    kind: GitRepository\n" +
         "    name: " + source_name + "\n  dependsOn:\n    - name: " + depends_on + "\n";
}

std::string config_map(const std::string& name) {
  return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  a: b\n";
}

// A summary cache that counts the lookups of each blob id: what a run read of the tree.
class CountingCache final : public SummaryCache {
 public:
  std::shared_ptr<const FileSummary> find(std::string_view blob_id,
                                          FileFormat format) const override {
    std::lock_guard lock(mutex_);
    ++finds_[std::string(blob_id)];
    const auto it = summaries_.find({std::string(blob_id), format});
    return it == summaries_.end() ? nullptr : it->second;
  }
  void store(std::string_view blob_id, FileFormat format,
             std::shared_ptr<const FileSummary> summary) override {
    std::lock_guard lock(mutex_);
    summaries_[{std::string(blob_id), format}] = std::move(summary);
  }
  std::size_t finds(const std::string& blob_id) const {
    std::lock_guard lock(mutex_);
    const auto it = finds_.find(blob_id);
    return it == finds_.end() ? 0 : it->second;
  }
  void reset() {
    std::lock_guard lock(mutex_);
    finds_.clear();
  }

 private:
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::size_t> finds_;
  std::map<std::pair<std::string, FileFormat>, std::shared_ptr<const FileSummary>> summaries_;
};

// Only the rules that judge Flux objects against the tree's Flux objects: no other whole-run
// rule builds the inventory.
Config flux_reference_rules_only() {
  Config config;
  const Config defaults;
  const ValidatorSet all(defaults);
  for (const auto& v : all.all()) {
    const std::string rule(v->rule());
    if (v->wants_run() && rule != "gitops/flux-source-ref" &&
        rule != "gitops/flux-source-external" && rule != "gitops/flux-depends-on") {
      config.policies.rules[rule].enabled = false;
    }
  }
  return config;
}

std::string blob_id(const MemorySnapshot& tree, const std::string& path) {
  for (const Entry& e : tree.entries()) {
    if (e.path == path) return e.id;
  }
  return "";
}

// A push that touches no Flux object never builds the tree's inventory for the Flux reference
// rules: the unchanged files' summaries are not even looked up. One that does, does.
TEST(FluxObjectsUnchanged, APushTouchingNoFluxObjectReadsOnlyWhatItTouched) {
  const std::map<std::string, std::string> files = {
      {"flux/git.yaml", source("platform")},
      {"k/apps.yaml", kustomization("apps", "platfrom", "infra")},   // broken before the push
      {"k/infra.yaml", kustomization("infra", "platform", "apps")},  // a cycle too
      {"cm/x.yaml", config_map("x")},
  };
  const MemorySnapshot base(files);
  const Config config = flux_reference_rules_only();
  CountingCache cache;

  auto edited = files;
  edited["cm/x.yaml"] = config_map("y");
  edited["cm/new.yaml"] = config_map("z");
  const MemorySnapshot pushed(edited);
  EXPECT_EQ(testing::describe_findings(
                check_change_findings(base, pushed, "gitops/flux-", config, &cache)),
            Strings{});
  for (const char* unchanged : {"flux/git.yaml", "k/apps.yaml", "k/infra.yaml"}) {
    EXPECT_EQ(cache.finds(blob_id(pushed, unchanged)), 0u) << unchanged;
  }
  EXPECT_GT(cache.finds(blob_id(base, "cm/x.yaml")), 0u);  // what the path held before

  // Touching a Flux object: the rules judge the tree, and report what the push touched.
  cache.reset();
  edited["flux/git.yaml"] += "  timeout: 1m\n";
  const MemorySnapshot touched(edited);
  EXPECT_EQ(testing::describe_findings(
                check_change_findings(base, touched, "gitops/flux-", config, &cache)),
            Strings{});
  EXPECT_GT(cache.finds(blob_id(touched, "k/apps.yaml")), 0u);
  edited["flux/git.yaml"] = source("platfrom");  // fixes apps.yaml, breaks infra.yaml
  EXPECT_EQ(testing::describe_findings(
                check_change_findings(base, MemorySnapshot(edited), "gitops/flux-", config)),
            Strings{"k/infra.yaml:9:11 gitops/flux-source-ref"});
}

// The skip agrees with full checks: random pushes over trees of Flux sources and Kustomizations
// (some references broken, some cycles) and ConfigMaps; most pushes touch no Flux object.
// (A Helm chart whose Chart.yaml or a kustomization decides whether a Flux object under its
// templates/ is read is left out: the skip never applies there, and the incremental path itself
// misses a reference that becomes read that way — docs/gitops.md, "Not done yet".)
TEST(FluxObjectsUnchanged, PushFindingsAgreeWithFullChecksOnRandomPushes) {
  std::mt19937 random(23);
  const Strings paths = {"flux/a.yaml", "flux/b.yaml", "k/c.yaml",  "k/d.yaml",
                         "k/e/f.yaml",  "cm/e.yaml",   "cm/f.yaml", "cm/g/h.yaml"};
  const Strings names = {"a", "b", "c"};
  auto pick = [&](const Strings& from) { return from[random() % from.size()]; };
  auto make_file = [&](const std::string& path) -> std::string {
    if (path.starts_with("cm/")) return config_map(pick(names));
    if (path.starts_with("flux/")) return source(pick(names));
    return kustomization(pick(names), pick(names), pick(names));
  };
  int skipped_with_old_findings = 0, reported = 0;
  for (int round = 0; round < 300; ++round) {
    const testing::RandomPush change = testing::random_push(random, paths, make_file, 3, 3);
    const MemorySnapshot old_tree(change.before), new_tree(change.after);
    const std::set<std::string> push = testing::expect_push_agrees_with_full_checks(
        old_tree, new_tree, "gitops/flux-", Config{}, round,
        testing::FindingKey::kPositionAndMessage);
    reported += static_cast<int>(push.size());
    bool only_config_maps = true;
    for (const auto& [path, content] : change.after) {
      if (!change.before.contains(path) || change.before.at(path) != content) {
        only_config_maps = only_config_maps && path.starts_with("cm/");
      }
    }
    for (const auto& [path, content] : change.before) {
      if (!change.after.contains(path))
        only_config_maps = only_config_maps && path.starts_with("cm/");
    }
    if (only_config_maps &&
        !check_tree_findings(old_tree, {}, {}, "gitops/flux-", Config{}).empty()) {
      ++skipped_with_old_findings;
    }
  }
  EXPECT_GT(reported, 30);                   // the rounds exercise the rules
  EXPECT_GT(skipped_with_old_findings, 30);  // and the skip, over trees with broken references
}

// Namespaces as applied agree with full checks too: Flux Kustomizations that state no namespace,
// applied in what a kustomization's `namespace:` or an Argo CD Application's
// `kustomize.namespace` sets (or as written), resolve sources in one of two namespaces. A push
// that changes only the Application (no Flux object) must not be skipped.
TEST(FluxObjectsUnchanged, AppliedNamespacesAgreeWithFullChecksOnRandomPushes) {
  std::mt19937 random(29);
  const Strings paths = {"flux/a.yaml", "flux/b.yaml",          "k/c.yaml",      "k/d.yaml",
                         "k/e/f.yaml",  "k/kustomization.yaml", "argo/app.yaml", "cm/e.yaml"};
  const Strings names = {"a", "b"};
  const Strings namespaces = {"", "flux-system", "apps"};
  auto pick = [&](const Strings& from) { return from[random() % from.size()]; };
  auto make_file = [&](const std::string& path) -> std::string {
    if (path.starts_with("cm/")) return config_map(pick(names));
    if (path.starts_with("flux/")) {
      std::string out = source(pick(names));
      const std::string ns = pick(namespaces);
      return ns.empty() ? out : out.replace(out.find("flux-system"), 11, ns);
    }
    if (path == "k/kustomization.yaml") {
      const std::string ns = pick(namespaces);
      return (ns.empty() ? "" : "namespace: " + ns + "\n") + "resources:\n  - c.yaml\n" +
             (random() % 2 == 0 ? "  - d.yaml\n" : "");
    }
    if (path.starts_with("argo/")) {
      const std::string ns = pick(namespaces);
      return "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: k\n"
             "spec:\n  project: default\n  source:\n    repoURL: https://example.com/r.git\n"
             "    path: k\n    kustomize:\n      namePrefix: x-\n" +
             (ns.empty() ? "" : "      namespace: " + ns + "\n");
    }
    std::string out = kustomization(pick(names), pick(names), pick(names));
    return out.erase(out.find("  namespace: flux-system\n"), 25);  // as applied only
  };
  int reported = 0, argo_only = 0;
  for (int round = 0; round < 300; ++round) {
    const testing::RandomPush change = testing::random_push(random, paths, make_file, 3, 3);
    const MemorySnapshot old_tree(change.before), new_tree(change.after);
    const std::set<std::string> push = testing::expect_push_agrees_with_full_checks(
        old_tree, new_tree, "gitops/flux-", Config{}, round,
        testing::FindingKey::kPositionAndMessage);
    reported += static_cast<int>(push.size());
    bool only_argo = true;
    for (const auto& [path, content] : change.after) {
      if (!change.before.contains(path) || change.before.at(path) != content) {
        only_argo = only_argo && path.starts_with("argo/");
      }
    }
    if (only_argo && !push.empty()) ++argo_only;
  }
  EXPECT_GT(reported, 30);  // the rounds exercise the rules
  EXPECT_GT(argo_only, 3);  // and pushes that change only the Application
}

}  // namespace
}  // namespace pushgate
