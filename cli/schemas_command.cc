#include "cli/schemas_command.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "core/schema_store/builtin_store.h"
#include "core/schema_store/cluster_schemas.h"
#include "core/schema_store/schema_importer.h"
#include "core/schema_store/schema_store.h"

namespace pushgate::cli {
namespace {

struct SchemasOptions {
  std::vector<std::string> sources;
  std::string store;
  std::string kubernetes_version;
  bool from_cluster = false;
  std::string context;
};

std::string store_or_default(const std::string& store) {
  return store.empty() ? default_schema_store(/*hook_mode=*/false) : store;
}

void print_findings(const FindingList& findings, int& exit_code) {
  for (const Finding& f : findings) {
    std::cerr << f.path << ":" << f.position.line << ":" << f.position.column << ": "
              << to_string(f.severity) << "[" << f.rule << "]: " << f.message << "\n";
    if (f.severity == Severity::kError) exit_code = 1;
  }
}

// --from-cluster: core/schema_store/cluster_schemas.h.
int run_cluster_import(const SchemasOptions& options) {
  if (!options.sources.empty() || !options.kubernetes_version.empty()) {
    std::cerr << "pushgate schemas import: --from-cluster takes no source and no "
                 "--kubernetes-version (the cluster says which it is)\n";
    return 2;
  }
  ClusterImportOptions cluster{.store = store_or_default(options.store),
                               .context = options.context};
  Result<ClusterImportReport> report = import_from_cluster(cluster);
  if (!report) {
    std::cerr << "pushgate schemas import --from-cluster: " << report.error().message << "\n";
    return 2;
  }
  int exit_code = 0;
  print_findings(report.value().openapi.findings, exit_code);
  print_findings(report.value().crds.findings, exit_code);
  std::printf("cluster%s: Kubernetes %s, %zu kinds, %zu CRDs into %s\n",
              options.context.empty() ? "" : (" " + options.context).c_str(),
              report.value().version.c_str(), report.value().openapi.kinds,
              report.value().crds.crds, cluster.store.c_str());
  return exit_code;
}

int run_import(const SchemasOptions& options) {
  if (options.from_cluster || !options.context.empty()) return run_cluster_import(options);
  if (options.sources.empty()) {
    std::cerr << "pushgate schemas import: name a file or folder to import, or --from-cluster\n";
    return 2;
  }
  ImportOptions import;
  import.store = store_or_default(options.store);
  if (!options.kubernetes_version.empty()) {
    import.version = parse_kubernetes_version(options.kubernetes_version);
    if (!import.version) {
      std::cerr << "pushgate schemas import: --kubernetes-version must look like 1.35, got "
                << options.kubernetes_version << "\n";
      return 2;
    }
  }
  int exit_code = 0;
  for (const std::string& source : options.sources) {
    Result<ImportReport> report = import_schemas(source, import);
    if (!report) {
      std::cerr << "pushgate schemas import: " << report.error().message << "\n";
      return 2;
    }
    print_findings(report.value().findings, exit_code);
    std::printf("%s: %zu kinds, %zu CRDs from %zu files into %s\n", source.c_str(),
                report.value().kinds, report.value().crds, report.value().sources,
                import.store.c_str());
  }
  return exit_code;
}

int run_list(const SchemasOptions& options) {
  std::string store = store_or_default(options.store);
  if (options.store == kBuiltinStoreName) {
    store = builtin_schema_store();
    if (store.empty()) {
      std::cerr << "pushgate schemas list: no built-in schema store next to this pushgate (see "
                   "docs/kubernetes-schemas.md)\n";
      return 1;
    }
  }
  StoreListing listing = list_store(store);
  if (listing.kinds.empty() && listing.crds.empty()) {
    std::cerr << "pushgate schemas list: the store " << store
              << " is empty; fill it with `pushgate schemas import`\n";
    return 1;
  }
  for (const auto& [version, kind] : listing.kinds) {
    std::printf("kubernetes %s  %s  %s\n", version.text().c_str(), kind.api_version().c_str(),
                kind.kind.c_str());
  }
  for (const auto& [group, kind] : listing.crds) {
    std::printf("crd  %s  %s\n", group.c_str(), kind.c_str());
  }
  return 0;
}

}  // namespace

void add_schemas_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<SchemasOptions>();
  CLI::App* schemas = app.add_subcommand(
      "schemas", "Import Kubernetes OpenAPI documents and CRDs into a schema store, or list it");
  schemas->require_subcommand(1);
  const std::string store_help =
      "the schema store folder (default: $PUSHGATE_SCHEMAS, else "
      "$XDG_DATA_HOME/pushgate/schemas or ~/.local/share/pushgate/schemas)";

  CLI::App* import = schemas->add_subcommand(
      "import", "Import OpenAPI v3 documents, v2 swagger.json or CRD manifests (files or folders)");
  import->add_option("source", options->sources, "a file or folder to import");
  import->add_option("--store", options->store, store_help);
  import->add_option("--kubernetes-version", options->kubernetes_version,
                     "the Kubernetes version of OpenAPI documents, e.g. 1.35 (default: a v1.NN "
                     "folder in the source path)");
  import->add_flag("--from-cluster", options->from_cluster,
                   "import what a live cluster serves, through kubectl on PATH: /version, "
                   "/openapi/v2 and its CRDs");
  import->add_option("--context", options->context,
                     "the kubeconfig context for --from-cluster (default: the current one)");
  import->footer(
      "Examples:\n  pushgate schemas import kubernetes/openapi/v1.35/v3 --store "
      "/var/lib/pushgate/schemas\n"
      "  pushgate schemas import swagger.json --kubernetes-version 1.35\n"
      "  pushgate schemas import crds/\n"
      "  pushgate schemas import --from-cluster --context staging");
  import->callback([options, &exit_code] { exit_code = run_import(*options);
});

CLI::App* list = schemas->add_subcommand("list", "List the kinds a schema store holds");
list->add_option("--store", options->store, store_help + "; `builtin`: the built-in store");
list->callback([options, &exit_code] { exit_code = run_list(*options); });
}  // namespace pushgate::cli

}  // namespace pushgate::cli
