// HCL reader throughput against the YAML reader (both into their positioned trees) on inputs of
// similar size and shape: the same 50 deployments, as Terraform and as Kubernetes YAML. The
// target (issue #17): the HCL reader within 2x of the YAML reader's MB/s. docs/benchmarks.md
// records the figures.
#include <benchmark/benchmark.h>

#include <string>

#include "core/document/document.h"
#include "core/hcl/hcl.h"

namespace {

std::string terraform(int i) {
  const std::string n = std::to_string(i);
  return "resource \"kubernetes_deployment\" \"app_" + n +
         "\" {\n"
         "  metadata {\n    name      = \"app-" +
         n + "\"\n    namespace = \"team-" + n +
         "\"\n"
         "    labels = {\n      \"app.kubernetes.io/name\"    = \"app-" +
         n +
         "\"\n"
         "      \"app.kubernetes.io/part-of\" = \"shop\"\n    }\n  }\n"
         "  spec {\n    replicas = 3\n    selector {\n      match_labels = {\n"
         "        \"app.kubernetes.io/name\" = \"app-" +
         n +
         "\"\n      }\n    }\n"
         "    template {\n      metadata {\n        labels = { \"app.kubernetes.io/name\" = "
         "\"app-" +
         n +
         "\" }\n      }\n      spec {\n        container {\n          name  = \"app\"\n"
         "          image = \"registry.example.com/shop/app:1.4.${var.patch}\"\n"
         "          port {\n            container_port = 8080\n            name           = "
         "\"http\"\n"
         "          }\n          resources {\n            requests = { cpu = \"100m\", memory = "
         "\"128Mi\" }\n"
         "            limits   = { cpu = \"500m\", memory = \"256Mi\" }\n          }\n"
         "          env {\n            name  = \"LOG_LEVEL\"\n            value = var.log_level != "
         "\"\" ? var.log_level : \"info\"\n"
         "          }\n          env {\n            name  = \"FEATURE_X\"\n            value = "
         "\"true\"\n          }\n"
         "        }\n      }\n    }\n  }\n}\n"
         "# the service\nresource \"kubernetes_service\" \"app_" +
         n +
         "\" {\n"
         "  metadata {\n    name = \"app-" +
         n +
         "\"\n  }\n  spec {\n"
         "    selector = { \"app.kubernetes.io/name\" = \"app-" +
         n +
         "\" }\n"
         "    port {\n      port        = 80\n      target_port = \"http\"\n    }\n  }\n}\n";
}

std::string yaml(int i) {
  const std::string n = std::to_string(i);
  return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-" + n +
         "\n  namespace: team-" + n + "\n  labels:\n    app.kubernetes.io/name: app-" + n +
         "\n    app.kubernetes.io/part-of: shop\nspec:\n  replicas: 3\n  selector:\n"
         "    matchLabels:\n      app.kubernetes.io/name: app-" +
         n + "\n  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: app-" +
         n +
         "\n    spec:\n      containers:\n        - name: app\n"
         "          image: registry.example.com/shop/app:1.4." +
         n +
         "\n          ports:\n            - containerPort: 8080\n              name: http\n"
         "          resources:\n            requests: {cpu: 100m, memory: 128Mi}\n"
         "            limits: {cpu: 500m, memory: 256Mi}\n"
         "          env:\n            - name: LOG_LEVEL\n              value: \"info\"\n"
         "            - name: FEATURE_X\n              value: \"true\"\n---\n"
         "apiVersion: v1\nkind: Service\nmetadata:\n  name: app-" +
         n + "\nspec:\n  selector:\n    app.kubernetes.io/name: app-" + n +
         "\n  ports:\n    - port: 80\n      targetPort: http\n---\n";
}

std::string fifty(std::string (*make)(int)) {
  std::string s;
  for (int i = 0; i < 50; ++i) s += make(i);
  return s;
}

void BM_HclReader(benchmark::State& state) {
  static const std::string input = fifty(terraform);
  for (auto _ : state) {
    pushgate::HclFile file = pushgate::parse_hcl("bench.tf", input, pushgate::HclLimits{});
    if (!file.complete) state.SkipWithError("the benchmark input does not read");
    benchmark::DoNotOptimize(file.exprs.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.size()));
}
BENCHMARK(BM_HclReader);

void BM_YamlReaderForHcl(benchmark::State& state) {
  static const std::string input = fifty(yaml);
  for (auto _ : state) {
    pushgate::ParsedFile file = pushgate::parse_yaml("bench.yaml", input, pushgate::ParseLimits{});
    benchmark::DoNotOptimize(file.documents.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.size()));
}
BENCHMARK(BM_YamlReaderForHcl);

}  // namespace
