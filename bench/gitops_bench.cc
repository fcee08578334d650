// The whole-tree gitops rules on a push: one changed file in a 10,000-manifest tree (500 apps of
// 20 manifests, each app folder with a kustomization listing them, 50 team overlays listing the
// apps), checked by the engine with the gitops whole-tree rules on and off. Issue 6's target: the
// rules add at most 50 ms to a 1-file push.
//
//   ./build/bench/pushgate_bench --benchmark_filter=Gitops
//
// The tree is in memory (no git reads): the figure is the rules' own cost — listing, parsing the
// kustomizations and the affected render set, judging.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/engine/engine.h"
#include "core/engine/template_detector.h"
#include "core/tree/object_index_store.h"
#include "core/tree/tree_view.h"

namespace pushgate {
namespace {

constexpr int kTeams = 25;
constexpr int kAppsPerTeam = 20;
constexpr int kManifestsPerApp = 20;  // 25 * 20 * 20 = 10,000

class MemoryTree final : public Snapshot {
 public:
  // `edited`: the one file a push changes has other content (the tree after the push).
  explicit MemoryTree(bool edited = false) {
    for (int t = 0; t < kTeams; ++t) {
      const std::string team = "apps/team" + std::to_string(t);
      std::string overlay = "resources:\n";
      for (int a = 0; a < kAppsPerTeam; ++a) {
        const std::string app = "app" + std::to_string(a);
        overlay += "  - " + app + "\n";
        std::string kustomization = "namespace: " + app + "\nresources:\n";
        for (int m = 0; m < kManifestsPerApp; ++m) {
          const std::string name = "cm" + std::to_string(m) + ".yaml";
          kustomization += "  - " + name + "\n";
          add(team + "/" + app + "/" + name,
              "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + app + "-" +
                  std::to_string(m) + "\ndata:\n  key: value\n  other: \"" +
                  std::to_string(t * 1000 + a) + "\"\n");
        }
        add(team + "/" + app + "/kustomization.yaml", kustomization);
      }
      add(team + "/kustomization.yaml", overlay);
      // Each team is one Flux Kustomization of the fleet's GitRepository (cross-file rules).
      add("clusters/prod/" + team.substr(5) + ".yaml",
          "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: " +
              team.substr(5) + "\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ./" +
              team + "\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: fleet\n" +
              (t > 0 ? "  dependsOn:\n    - name: team" + std::to_string(t - 1) + "\n" : ""));
    }
    add("clusters/prod/fleet.yaml",
        "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: fleet\n"
        "  namespace: flux-system\nspec:\n  interval: 1m\n  url: https://example.com/fleet.git\n"
        "  ref: {branch: main}\n");
    if (edited) files_.at(kChangedFile) += "  edited: \"yes\"\n";
    for (auto& [path, content] : files_) {
      Entry e;
      e.path = path;
      e.size = content.size();
      e.size_known = true;
      // A stand-in blob id (equal contents share it, as in git), so the object index applies.
      std::uint64_t h = 1469598103934665603ULL;
      for (unsigned char c : content) h = (h ^ c) * 1099511628211ULL;
      char id[41];
      std::snprintf(id, sizeof id, "%016llx%024d", static_cast<unsigned long long>(h), 0);
      e.id = id;
      entries_.push_back(e);
    }
  }
  static constexpr const char* kChangedFile = "apps/team7/app3/cm5.yaml";
  std::string describe() const override { return "memory tree"; }
  const std::vector<Entry>& entries() const override { return entries_; }
  Result<std::string> read(const Entry& entry) const override { return files_.at(entry.path); }

 private:
  void add(std::string path, std::string content) { files_[std::move(path)] = std::move(content); }
  std::map<std::string, std::string> files_;
  std::vector<Entry> entries_;
};

// `indexed`: as a hook runs — the tree before the push as the base, and the object index the
// previous push left on disk, opened and checked in every iteration.
void one_file_push(benchmark::State& state, bool gitops_rules, bool indexed = false) {
  static const MemoryTree before;
  static const MemoryTree after(true);
  Config config;
  if (!gitops_rules) {
    for (const char* id :
         {"gitops/kustomize-reference", "gitops/kustomize-remote-base", "gitops/duplicate-object",
          "gitops/helm-chart", "gitops/helm-values-schema", "gitops/argo-project",
          "gitops/argo-destination", "gitops/flux-source-ref", "gitops/flux-source-external",
          "gitops/flux-depends-on"}) {
      config.policies.rules[id].enabled = false;
    }
  }
  const Engine engine(config, 1);
  CheckRequest request;
  request.snapshot = indexed ? &after : &before;
  for (const Entry& e : request.snapshot->entries()) {
    if (e.path == MemoryTree::kChangedFile) request.files.push_back(e);
  }
  const std::string index_path =
      (std::filesystem::temp_directory_path() / "pushgate-bench-push-index" / "object-index")
          .string();
  const std::string key = ObjectIndexStore::index_key(engine.limits());
  int base_opens = 0;
  if (indexed) {
    // The previous push: the index then holds every file of the tree before this push.
    std::filesystem::remove(index_path);
    ObjectIndexStore store = ObjectIndexStore::open(index_path, key);
    const TreeView view(before, engine.limits(), {}, &store);
    (void)view.inventory();
    (void)store.save();
    // Counted: a push that breaks nothing must not open it (the old tip's listing is the cost).
    request.base = [&base_opens]() -> Result<const Snapshot*> {
      ++base_opens;
      return &before;
    };
  }
  for (auto _ : state) {
    std::optional<ObjectIndexStore> index;
    if (indexed) {
      index.emplace(ObjectIndexStore::open(index_path, key));
      request.summaries = &*index;
    }
    CheckOutcome outcome = engine.check(request);
    benchmark::DoNotOptimize(outcome);
  }
  if (indexed) {
    state.counters["base_opens"] = base_opens;
    std::filesystem::remove_all(std::filesystem::path(index_path).parent_path());
  }
}

void BM_GitopsOnePushWithoutRules(benchmark::State& state) {
  one_file_push(state, false);
}
void BM_GitopsOnePushWithRules(benchmark::State& state) {
  one_file_push(state, true);
}
// The same push as a hook checks it: summaries from the object index, the old tip as the base.
void BM_GitopsOnePushWithRulesIndexed(benchmark::State& state) {
  one_file_push(state, true, true);
}
BENCHMARK(BM_GitopsOnePushWithoutRules)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GitopsOnePushWithRules)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GitopsOnePushWithRulesIndexed)->Unit(benchmark::kMillisecond);

// What a push that breaks nothing no longer pays (the base is opened lazily): the tree before
// the push made ready for the rules, as the engine does on first use — its Helm template folders
// found and its view built over every entry. A hook also lists the old tip through libgit2 first.
void BM_GitopsBaseTreeView(benchmark::State& state) {
  static const MemoryTree before;
  for (auto _ : state) {
    const TemplateDetector templates(before.entries());
    const TreeView view(before, ParseLimits{}, [&](std::string_view path) {
      return !templates.in_helm_chart_templates(path);
    });
    benchmark::DoNotOptimize(view.entries().size());
  }
}
BENCHMARK(BM_GitopsBaseTreeView)->Unit(benchmark::kMillisecond);

// Every object of the 10,000-file tree as cross-file rules see it (TreeView::inventory()):
// parsed from scratch, against read from the object index the previous push left on disk
// (opening and checking the index is part of each iteration, as in a hook).
std::string bench_index_path() {
  return (std::filesystem::temp_directory_path() / "pushgate-bench-index" / "object-index")
      .string();
}

void BM_InventoryFullParse(benchmark::State& state) {
  static const MemoryTree tree(true);
  for (auto _ : state) {
    const TreeView view(tree, ParseLimits{});
    benchmark::DoNotOptimize(view.inventory().objects().size());
  }
}

void BM_InventoryFromIndex(benchmark::State& state) {
  static const MemoryTree before;
  static const MemoryTree after(true);
  const std::string path = bench_index_path();
  std::filesystem::remove(path);
  {
    ObjectIndexStore store = ObjectIndexStore::open(path, ObjectIndexStore::index_key({}));
    const TreeView view(before, ParseLimits{}, {}, &store);
    (void)view.inventory();
    (void)store.save();
  }
  for (auto _ : state) {
    ObjectIndexStore store = ObjectIndexStore::open(path, ObjectIndexStore::index_key({}));
    const TreeView view(after, ParseLimits{}, {}, &store);
    if (view.inventory().summarized() != 1) state.SkipWithError("expected one file summarized");
    benchmark::DoNotOptimize(view.inventory().objects().size());
  }
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}
BENCHMARK(BM_InventoryFullParse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_InventoryFromIndex)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace pushgate
