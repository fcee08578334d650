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

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/engine/engine.h"
#include "core/tree/object_index_store.h"

namespace pushgate {
namespace {

constexpr int kTeams = 25;
constexpr int kAppsPerTeam = 20;
constexpr int kManifestsPerApp = 20;  // 25 * 20 * 20 = 10,000

class MemoryTree final : public Snapshot {
 public:
  MemoryTree() {
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
    }
    for (auto& [path, content] : files_) {
      Entry e;
      e.path = path;
      e.size = content.size();
      e.size_known = true;
      e.id = std::to_string(std::hash<std::string>{}(content));  // a stand-in for the blob id
      entries_.push_back(e);
    }
  }
  std::string describe() const override { return "memory tree"; }
  const std::vector<Entry>& entries() const override { return entries_; }
  Result<std::string> read(const Entry& entry) const override { return files_.at(entry.path); }

 private:
  void add(std::string path, std::string content) { files_[std::move(path)] = std::move(content); }
  std::map<std::string, std::string> files_;
  std::vector<Entry> entries_;
};

// `index`: as a hook does, with the object index beside the repository (here in memory, filled
// by one push before the measured ones), so that the inventory of the tree is not re-parsed.
void one_file_push(benchmark::State& state, bool gitops_rules, bool index = false) {
  static const MemoryTree tree;
  Config config;
  if (!gitops_rules) {
    for (const char* id :
         {"gitops/kustomize-reference", "gitops/kustomize-remote-base", "gitops/duplicate-object",
          "gitops/helm-chart", "gitops/helm-values-schema", "gitops/flux-source-ref",
          "gitops/flux-source-external", "gitops/flux-depends-on"}) {
      config.policies.rules[id].enabled = false;
    }
  }
  const Engine engine(config, 1);
  CheckRequest request;
  request.snapshot = &tree;
  for (const Entry& e : tree.entries()) {
    if (e.path == "apps/team7/app3/cm5.yaml") request.files.push_back(e);
  }
  ObjectIndexStore store = ObjectIndexStore::open("/nonexistent/pushgate-bench-index",
                                                  ObjectIndexStore::index_key(ParseLimits{}));
  if (index) {
    request.summaries = &store;
    benchmark::DoNotOptimize(engine.check(request));
  }
  for (auto _ : state) {
    CheckOutcome outcome = engine.check(request);
    benchmark::DoNotOptimize(outcome);
  }
}

void BM_GitopsOnePushWithoutRules(benchmark::State& state) {
  one_file_push(state, false);
}
void BM_GitopsOnePushWithRules(benchmark::State& state) {
  one_file_push(state, true);
}
void BM_GitopsOnePushWithRulesAndIndex(benchmark::State& state) {
  one_file_push(state, true, true);
}
BENCHMARK(BM_GitopsOnePushWithoutRules)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GitopsOnePushWithRules)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GitopsOnePushWithRulesAndIndex)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace pushgate
