#pragma once
// CustomResourceDefinitions → one compiled schema per served version of the custom kind:
//
//   CrdLoad crds =
//   load_crd_file("../shared/crds/flux-v2.9.0/helm.toolkit.fluxcd.io_helmreleases.yaml"); const
//   CompiledSchema* release = crds.schemas.find("helm.toolkit.fluxcd.io/v2", "HelmRelease");
//   // crds.findings: CRDs that could not be used, each at its path:line:col
//
// Reads apiextensions.k8s.io/v1 (spec.versions[].schema.openAPIV3Schema) and v1beta1
// (spec.validation.openAPIV3Schema as the default for every version). CRDs can arrive in the
// very push being judged, so a broken one is a finding at the offending schema node, never a
// crash and never a kind that silently validates nothing.
#include <string>

#include "core/document/document.h"
#include "core/finding/finding.h"
#include "core/schema/kind_schema_set.h"
#include "core/schema/kubernetes_schema_options.h"

namespace pushgate {

struct CrdLoad {
  KindSchemaSet schemas;
  // schema/invalid-crd (error): a schema that does not compile; (warning): a served version
  // without a schema. Parse findings (yaml/..., json/...) of load_crd_file too.
  FindingList findings;
  std::size_t crds = 0;  // CustomResourceDefinition documents seen
};

// Every CustomResourceDefinition among `file`'s documents; other documents are ignored.
CrdLoad load_crds(const ParsedFile& file, const KubernetesSchemaOptions& options = {});

// Reads and parses `path` (YAML, or JSON for *.json) first.
CrdLoad load_crd_file(const std::string& path, const KubernetesSchemaOptions& options = {});

}  // namespace pushgate
