// gitops/kustomize-build on a push: one changed manifest in a base of N Deployments that one
// overlay (namespace, namePrefix, an image transformer) includes; the engine checks the push with
// the rule off (the baseline, measured in the same run) and on — which adds one real
// `kustomize build` (the machine's kustomize or kubectl) and the rendered objects' checks.
//
//   ./build/bench/pushgate_bench --benchmark_filter=KustomizeBuild
//
// Without a kustomize or kubectl binary the "on" cases report an error and measure nothing.
#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

#include "core/engine/engine.h"
#include "core/kustomize/kustomize_build.h"

namespace pushgate {
namespace {

class OverlayTree final : public Snapshot {
 public:
  explicit OverlayTree(int deployments) {
    std::string base = "resources:\n";
    for (int i = 0; i < deployments; ++i) {
      const std::string name = "web" + std::to_string(i);
      base += "- " + name + ".yaml\n";
      files_["apps/base/" + name + ".yaml"] =
          "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name +
          "\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: " + name +
          "}}\n  template:\n    metadata: {labels: {app: " + name +
          "}}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.25\n"
          "        resources: {requests: {cpu: 10m, memory: 64Mi}, limits: {memory: 64Mi}}\n";
    }
    files_["apps/base/kustomization.yaml"] = base;
    files_["apps/prod/kustomization.yaml"] =
        "namespace: prod\nnamePrefix: prod-\nresources: [../base]\nimages:\n"
        "- {name: nginx, newTag: \"1.27\"}\n";
    for (const auto& [path, content] : files_) {
      Entry e;
      e.path = path;
      e.size = content.size();
      e.size_known = true;
      entries_.push_back(e);
    }
  }
  std::string describe() const override { return "memory tree"; }
  const std::vector<Entry>& entries() const override { return entries_; }
  Result<std::string> read(const Entry& entry) const override { return files_.at(entry.path); }

 private:
  std::map<std::string, std::string> files_;
  std::vector<Entry> entries_;
};

void one_push(benchmark::State& state, bool build) {
  const OverlayTree tree(static_cast<int>(state.range(0)));
  if (build && !find_kustomize("")) {
    state.SkipWithError("no kustomize or kubectl binary in /usr/local/bin or /usr/bin");
    return;
  }
  Config config;
  if (build) config.policies.rules["gitops/kustomize-build"] = RuleSetting{};
  const Engine engine(config, 1);
  CheckRequest request;
  request.snapshot = &tree;
  for (const Entry& e : tree.entries()) {
    if (e.path == "apps/base/web0.yaml") request.files.push_back(e);
  }
  for (auto _ : state) {
    CheckOutcome outcome = engine.check(request);
    benchmark::DoNotOptimize(outcome);
  }
}

void BM_KustomizeBuildPushRuleOff(benchmark::State& state) {
  one_push(state, false);
}
void BM_KustomizeBuildPushRuleOn(benchmark::State& state) {
  one_push(state, true);
}
BENCHMARK(BM_KustomizeBuildPushRuleOff)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_KustomizeBuildPushRuleOn)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace pushgate
