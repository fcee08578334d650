// Schema store cost per push: loading and compiling the kinds a typical push names (Deployment,
// Service, ConfigMap) from a store imported from the real Kubernetes 1.35 documents, and
// validating a Deployment against the cached schema.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "core/schema_store/kind_schema_cache.h"
#include "core/schema_store/schema_importer.h"

namespace pushgate {
namespace {

// The shared reference data next to the repository (README: ../shared), or $PUSHGATE_SHARED_DIR.
std::string shared_dir() {
  const char* env = std::getenv("PUSHGATE_SHARED_DIR");
  return env != nullptr ? env : "../shared";
}

const std::string& bench_store() {
  static const std::string store = [] {
    const std::string dir = std::filesystem::temp_directory_path() / "pushgate-bench-store";
    std::filesystem::remove_all(dir);
    const std::string docs = shared_dir() + "/kubernetes/openapi/v1.35/v3/";
    for (const char* file : {"api__v1_openapi.json", "apis__apps__v1_openapi.json"}) {
      Result<ImportReport> report = import_schemas(docs + file, {dir, {}});
      if (!report) std::abort();
    }
    return dir;
  }();
  return store;
}

void BM_StoreLoadForAPush(benchmark::State& state) {
  const std::string& store = bench_store();
  for (auto _ : state) {
    KindSchemaCache cache({store}, KubernetesVersion{1, 35}, {});
    benchmark::DoNotOptimize(cache.find({"apps", "v1", "Deployment"}).schema);
    benchmark::DoNotOptimize(cache.find({"", "v1", "Service"}).schema);
    benchmark::DoNotOptimize(cache.find({"", "v1", "ConfigMap"}).schema);
  }
}
BENCHMARK(BM_StoreLoadForAPush)->Unit(benchmark::kMillisecond);

void BM_ValidateDeployment(benchmark::State& state) {
  KindSchemaCache cache({bench_store()}, KubernetesVersion{1, 35}, {});
  const CompiledSchema* schema = cache.find({"apps", "v1", "Deployment"}).schema;
  const std::string text =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop, labels: "
      "{app: web}}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template:\n"
      "    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: web\n"
      "          image: web:1.4\n          ports: [{containerPort: 8080, name: http}]\n"
      "          resources: {limits: {cpu: 500m, memory: 128Mi}}\n";
  const ParsedFile file = parse_yaml("web.yaml", text, ParseLimits{});
  ViolationList violations;
  for (auto _ : state) {
    violations.clear();
    schema->validate(file.documents[0].root(), violations);
    benchmark::DoNotOptimize(violations.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ValidateDeployment);

}  // namespace
}  // namespace pushgate
