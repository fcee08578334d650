#pragma once
// `pushgate schemas import`: Kubernetes OpenAPI documents (v3 per group-version, v2
// swagger.json) and CustomResourceDefinition manifests into a schema store
// (core/schema_store/schema_store.h).
//
//   ImportOptions options{.store = "/var/lib/pushgate/schemas", .version = {{1, 35}}};
//   Result<ImportReport> report = import_schemas("../shared/kubernetes/openapi/v1.35/v3", options);
//
// Every OpenAPI document is compiled in full before anything of it is written, so a store never
// holds a schema that would fail at push time; files are written to a temporary name and renamed.
#include <optional>
#include <string>

#include "core/base/result.h"
#include "core/finding/finding.h"
#include "core/schema_store/kubernetes_version.h"

namespace pushgate {

struct ImportOptions {
  std::string store;
  // The Kubernetes version OpenAPI documents belong to; unset: taken from a `v1.NN` folder in
  // the source path (the documents themselves say "unversioned").
  std::optional<KubernetesVersion> version;
};

struct ImportReport {
  std::size_t kinds = 0;    // kind files written
  std::size_t crds = 0;     // CRD files written
  std::size_t sources = 0;  // files read
  FindingList findings;     // CRDs that could not be used, parse problems
};

// `source` is a file or a folder (every *.json, *.yaml, *.yml below it).
Result<ImportReport> import_schemas(const std::string& source, const ImportOptions& options);

}  // namespace pushgate
