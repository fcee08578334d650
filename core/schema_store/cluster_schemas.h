#pragma once
// `pushgate schemas import --from-cluster [--context NAME]`: what a live cluster serves, through
// the user's own kubectl (found on PATH; its kubeconfig, credentials and proxies as usual):
//
//   kubectl [--context NAME] get --raw /version        -> the Kubernetes version (1.NN)
//   kubectl [--context NAME] get --raw /openapi/v2     -> swagger.json: built-in kinds, and the
//                                                         cluster's CRD kinds as it publishes them
//   kubectl [--context NAME] get crd -o json           -> every CRD, one file each
//
// written into a private scratch folder and imported with import_schemas() like any other
// documents. A kubectl that is missing, fails, hangs (60 s per call) or answers something that
// is not the expected JSON is an error naming the command; nothing is written to the store then.
#include <string>

#include "core/base/result.h"
#include "core/schema_store/schema_importer.h"

namespace pushgate {

struct ClusterImportOptions {
  std::string store;
  std::string context;  // kubectl --context; "" = kubectl's current context
};

struct ClusterImportReport {
  std::string version;   // "1.35"
  ImportReport openapi;  // from /openapi/v2
  ImportReport crds;     // from `get crd`
};

Result<ClusterImportReport> import_from_cluster(const ClusterImportOptions& options);

}  // namespace pushgate
