// In-process parse cost: pushgate's document model (libyaml events + positions + typing +
// duplicate/merge/alias checks) against raw libyaml events on the same bytes.
#include <benchmark/benchmark.h>
#include <yaml.h>

#include <string>

#include "core/document/document.h"

namespace {

std::string deployment(int i) {
  const std::string n = std::to_string(i);
  return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-" + n +
         "\n  namespace: team-" + n +
         "\n  labels:\n    app.kubernetes.io/name: app-" + n +
         "\n    app.kubernetes.io/part-of: shop\nspec:\n  replicas: 3\n  selector:\n"
         "    matchLabels:\n      app.kubernetes.io/name: app-" + n +
         "\n  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: app-" + n +
         "\n    spec:\n      containers:\n        - name: app\n"
         "          image: registry.example.com/shop/app:1.4." + n +
         "\n          ports:\n            - containerPort: 8080\n              name: http\n"
         "          resources:\n            requests: {cpu: 100m, memory: 128Mi}\n"
         "            limits: {cpu: 500m, memory: 256Mi}\n"
         "          readinessProbe:\n            httpGet: {path: /healthz, port: http}\n"
         "          env:\n            - name: LOG_LEVEL\n              value: \"info\"\n"
         "            - name: FEATURE_X\n              value: \"true\"\n---\n"
         "apiVersion: v1\nkind: Service\nmetadata:\n  name: app-" + n +
         "\nspec:\n  selector:\n    app.kubernetes.io/name: app-" + n +
         "\n  ports:\n    - port: 80\n      targetPort: http\n";
}

const std::string& corpus() {
  static const std::string text = [] {
    std::string t;
    for (int i = 0; i < 50; ++i) t += deployment(i) + "---\n";
    return t;
  }();
  return text;
}

void BM_LibyamlEvents(benchmark::State& state) {
  const std::string& text = corpus();
  for (auto _ : state) {
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
    std::size_t events = 0;
    for (;;) {
      yaml_event_t event;
      if (!yaml_parser_parse(&parser, &event)) break;
      ++events;
      const bool end = event.type == YAML_STREAM_END_EVENT;
      yaml_event_delete(&event);
      if (end) break;
    }
    yaml_parser_delete(&parser);
    benchmark::DoNotOptimize(events);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_LibyamlEvents);

void BM_ParseYamlDocumentModel(benchmark::State& state) {
  const std::string& text = corpus();
  const pushgate::ParseLimits limits;
  for (auto _ : state) {
    pushgate::ParsedFile file = pushgate::parse_yaml("bench.yaml", text, limits);
    benchmark::DoNotOptimize(file.documents.size());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseYamlDocumentModel);

}  // namespace
