#pragma once
// Kubernetes' published API schemas → one compiled schema per group/version/kind:
//
//   Result<KindSchemaSet> apps = load_openapi_file(
//       "../shared/kubernetes/openapi/v1.35/v3/apis__apps__v1_openapi.json");
//   const CompiledSchema* deployment = apps.value().find("apps/v1", "Deployment");
//
// Both forms the API server serves are read: OpenAPI v3 (/openapi/v3/apis/<group>/<version>,
// schemas under #/components/schemas) and the v2 swagger.json (#/definitions). Kinds are the
// definitions tagged x-kubernetes-group-version-kind; all kinds of one document are compiled
// together and share their definitions (ObjectMeta, PodSpec, ...).
#include <string>

#include <nlohmann/json.hpp>

#include "core/base/result.h"
#include "core/schema/kind_schema_set.h"
#include "core/schema/kubernetes_schema_options.h"

namespace pushgate {

// `document` is taken by value: the v2 form needs a small repair (see openapi_loader.cc).
Result<KindSchemaSet> load_openapi_schemas(nlohmann::json document,
                                           const KubernetesSchemaOptions& options = {});

Result<KindSchemaSet> load_openapi_file(const std::string& path,
                                        const KubernetesSchemaOptions& options = {});

// Every *.json file of a directory (e.g. the 36 documents of .../v1.35/v3), merged; the first
// document that defines a kind wins.
Result<KindSchemaSet> load_openapi_directory(const std::string& path,
                                             const KubernetesSchemaOptions& options = {});

}  // namespace pushgate
