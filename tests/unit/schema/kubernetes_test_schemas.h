#pragma once
// The real Kubernetes 1.35 schemas and CRDs from ../shared, loaded once per test binary (they
// take a fraction of a second, but many tests use them).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/schema/crd_loader.h"
#include "core/schema/openapi_loader.h"
#include "tests/unit/schema/schema_test_support.h"

namespace pushgate::schema_test {

inline std::string openapi_v3_dir() {
  return shared_dir() + "/kubernetes/openapi/v1.35/v3";
}

inline const KindSchemaSet& kubernetes_schemas() {
  static const KindSchemaSet set = [] {
    Result<KindSchemaSet> loaded = load_openapi_directory(openapi_v3_dir());
    EXPECT_TRUE(loaded) << loaded.error().message;
    return loaded ? loaded.value() : KindSchemaSet{};
  }();
  return set;
}

// Kubernetes plus every CRD of one folder under ../shared/crds.
inline KindSchemaSet with_crds(const std::string& folder) {
  KindSchemaSet set = kubernetes_schemas();
  for (const auto& entry : std::filesystem::directory_iterator(shared_dir() + "/crds/" + folder)) {
    CrdLoad load = load_crd_file(entry.path().string());
    EXPECT_TRUE(load.findings.empty())
        << entry.path() << ": " << (load.findings.empty() ? "" : load.findings[0].message);
    set.merge(load.schemas);
  }
  return set;
}

// Violations of every document of `file` whose kind `schemas` knows; `validated` counts them.
struct FileCheck {
  ParsedFile file;
  ViolationList violations;
  int validated = 0;
  int unknown = 0;
};

inline FileCheck check_file(const KindSchemaSet& schemas, const std::string& path) {
  FileCheck out;
  ParseLimits limits;
  limits.max_bytes = 16 * 1024 * 1024;  // kube-prometheus' dashboards are one 1.5 MB file
  out.file = parse_yaml(path, read_text_file(path), limits);
  EXPECT_TRUE(out.file.findings.empty()) << path;
  for (const Document& doc : out.file.documents) {
    NodeRef root = doc.root();
    const CompiledSchema* schema =
        schemas.find(root.get_string("apiVersion"), root.get_string("kind"));
    if (schema == nullptr) {
      ++out.unknown;
      continue;
    }
    ++out.validated;
    schema->validate(root, out.violations);
  }
  return out;
}

inline FileCheck check_yaml(const KindSchemaSet& schemas, std::string_view yaml) {
  FileCheck out;
  out.file = parse_yaml_text(yaml);
  for (const Document& doc : out.file.documents) {
    const CompiledSchema* schema =
        schemas.find(doc.root().get_string("apiVersion"), doc.root().get_string("kind"));
    EXPECT_NE(schema, nullptr);
    if (schema == nullptr) continue;
    ++out.validated;
    schema->validate(doc.root(), out.violations);
  }
  return out;
}

}  // namespace pushgate::schema_test
