// Schema validation throughput against the real Kubernetes 1.35 Deployment schema.
// Target (docs/schema-engine.md): at least 20,000 Deployment validations per second per core.
//
//   build-*/bench/pushgate_bench --benchmark_filter=Schema
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/document/document.h"
#include "core/schema/openapi_loader.h"
#include "test_paths.h"

namespace pushgate {
namespace {

const std::string kShared = std::string(PUSHGATE_SOURCE_DIR) + "/../shared";

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A real Deployment: Online Boutique's frontend (probes, env, resources, security context).
ParsedFile frontend_deployment() {
  std::string path = kShared + "/corpus/GoogleCloudPlatform__microservices-demo/kubernetes-manifests/frontend.yaml";
  ParsedFile file = parse_yaml(path, read_text(path), ParseLimits{});
  std::erase_if(file.documents,
                [](const Document& d) { return d.root().get_string("kind") != "Deployment"; });
  return file;
}

const KindSchemaSet& apps_v1() {
  static const KindSchemaSet set = [] {
    Result<KindSchemaSet> loaded =
        load_openapi_file(kShared + "/kubernetes/openapi/v1.35/v3/apis__apps__v1_openapi.json");
    return loaded ? loaded.value() : KindSchemaSet{};
  }();
  return set;
}

void BM_SchemaValidateDeployment(benchmark::State& state) {
  ParsedFile file = frontend_deployment();
  const CompiledSchema* schema = apps_v1().find("apps/v1", "Deployment");
  if (schema == nullptr || file.documents.empty()) {
    state.SkipWithError("shared Kubernetes schemas or corpus not found");
    return;
  }
  NodeRef root = file.documents[0].root();
  ViolationList violations;
  for (auto _ : state) {
    violations.clear();
    schema->validate(root, violations);
    benchmark::DoNotOptimize(violations.data());
  }
  if (!violations.empty()) state.SkipWithError(violations[0].message.c_str());
  state.SetItemsProcessed(state.iterations());
  state.counters["nodes"] = static_cast<double>(file.documents[0].node_count());
}
BENCHMARK(BM_SchemaValidateDeployment);

void BM_SchemaIsValidDeployment(benchmark::State& state) {
  ParsedFile file = frontend_deployment();
  const CompiledSchema* schema = apps_v1().find("apps/v1", "Deployment");
  if (schema == nullptr || file.documents.empty()) {
    state.SkipWithError("shared Kubernetes schemas or corpus not found");
    return;
  }
  NodeRef root = file.documents[0].root();
  for (auto _ : state) benchmark::DoNotOptimize(schema->is_valid(root));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SchemaIsValidDeployment);

// The failure path: messages, paths and suggestions are built only here.
void BM_SchemaValidateBrokenDeployment(benchmark::State& state) {
  ParsedFile file = parse_yaml("broken.yaml", R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {version: 1.10}}
spec:
  replicas: "3"
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx
          imagePulPolicy: Always
          ports: [{containerPort: http}]
)",
                               ParseLimits{});
  const CompiledSchema* schema = apps_v1().find("apps/v1", "Deployment");
  if (schema == nullptr) {
    state.SkipWithError("shared Kubernetes schemas not found");
    return;
  }
  ViolationList violations;
  for (auto _ : state) {
    violations.clear();
    schema->validate(file.documents[0].root(), violations);
    benchmark::DoNotOptimize(violations.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["violations"] = static_cast<double>(violations.size());
}
BENCHMARK(BM_SchemaValidateBrokenDeployment);

// Parse + validate, what one manifest costs end to end.
void BM_SchemaParseAndValidateDeployment(benchmark::State& state) {
  std::string path = kShared + "/corpus/GoogleCloudPlatform__microservices-demo/kubernetes-manifests/frontend.yaml";
  std::string text = read_text(path);
  const CompiledSchema* schema = apps_v1().find("apps/v1", "Deployment");
  if (schema == nullptr || text.empty()) {
    state.SkipWithError("shared Kubernetes schemas or corpus not found");
    return;
  }
  for (auto _ : state) {
    ParsedFile file = parse_yaml(path, text, ParseLimits{});
    for (const Document& doc : file.documents) {
      if (doc.root().get_string("kind") == "Deployment") {
        benchmark::DoNotOptimize(schema->validate(doc.root()));
      }
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SchemaParseAndValidateDeployment);

// Loading and compiling the whole apps/v1 OpenAPI document (done once per run).
void BM_SchemaCompileAppsV1(benchmark::State& state) {
  std::string text = read_text(kShared + "/kubernetes/openapi/v1.35/v3/apis__apps__v1_openapi.json");
  nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  for (auto _ : state) {
    Result<KindSchemaSet> set = load_openapi_schemas(document);
    benchmark::DoNotOptimize(set);
  }
}
BENCHMARK(BM_SchemaCompileAppsV1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace pushgate
