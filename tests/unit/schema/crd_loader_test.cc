// Real CustomResourceDefinitions (Flux, Argo CD) from ../shared/crds, and broken hand-made ones.
#include "core/schema/crd_loader.h"

#include <gtest/gtest.h>

#include "tests/unit/schema/kubernetes_test_schemas.h"

namespace pushgate {
namespace {

using schema_test::check_yaml;
using schema_test::describe;
using schema_test::parse_yaml_text;

std::string crd_path(const std::string& file) {
  return schema_test::shared_dir() + "/crds/" + file;
}

TEST(CrdLoader, FluxServesItsCurrentVersions) {
  CrdLoad helm = load_crd_file(crd_path("flux-v2.9.0/helm.toolkit.fluxcd.io_helmreleases.yaml"));
  EXPECT_TRUE(helm.findings.empty());
  EXPECT_EQ(helm.crds, 1u);
  EXPECT_NE(helm.schemas.find("helm.toolkit.fluxcd.io/v2", "HelmRelease"), nullptr);
  EXPECT_EQ(helm.schemas.find("helm.toolkit.fluxcd.io/v2beta1", "HelmRelease"), nullptr);

  CrdLoad old = load_crd_file(crd_path("flux-v2.6.0/helm.toolkit.fluxcd.io_helmreleases.yaml"));
  EXPECT_TRUE(old.findings.empty());
  EXPECT_NE(old.schemas.find("helm.toolkit.fluxcd.io/v2beta1", "HelmRelease"), nullptr);
  EXPECT_NE(old.schemas.find("helm.toolkit.fluxcd.io/v2beta2", "HelmRelease"), nullptr);
}

TEST(CrdLoader, TheLargestArgoCdCrdLoads) {
  CrdLoad sets = load_crd_file(crd_path("argo-cd-v3.5.1/applicationset-crd.yaml"));
  EXPECT_TRUE(sets.findings.empty()) << (sets.findings.empty() ? "" : sets.findings[0].message);
  EXPECT_NE(sets.schemas.find("argoproj.io/v1alpha1", "ApplicationSet"), nullptr);
}

TEST(CrdLoader, HelmReleaseValuesAreFreeFormButSpecIsStrict) {
  KindSchemaSet schemas = schema_test::with_crds("flux-v2.9.0");
  schema_test::FileCheck ok = check_yaml(schemas, R"(apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: podinfo, namespace: podinfo}
spec:
  interval: 50m
  chart:
    spec:
      chart: podinfo
      version: "6.x"
      sourceRef: {kind: HelmRepository, name: podinfo}
  values:
    anything: [goes, {here: 1}]
)");
  EXPECT_TRUE(ok.violations.empty()) << describe(ok.violations);

  schema_test::FileCheck bad = check_yaml(schemas, R"(apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: podinfo}
spec:
  interval: 50m
  chart:
    spec:
      chart: podinfo
      sourceRef: {kind: HelmRepo, name: podinfo}
  valuesFrom:
    - kind: ConfigMap
      name: values
  intreval: 5m
)");
  ASSERT_EQ(bad.violations.size(), 2u) << describe(bad.violations);
  EXPECT_EQ(bad.violations[0].rule, "schema/enum");
  EXPECT_EQ(bad.violations[0].json_path, "spec.chart.spec.sourceRef.kind");
  EXPECT_EQ(bad.violations[0].node.position(), (Position{9, 25}));
  EXPECT_EQ(bad.violations[1].rule, "schema/additional-property");
  EXPECT_EQ(bad.violations[1].node.position(), (Position{13, 3}));
  EXPECT_EQ(bad.violations[1].message,
            "unknown field `intreval` in spec; did you mean `interval`?");
}

TEST(CrdLoader, ABrokenSchemaIsAFindingAtItsNode) {
  ParsedFile file = parse_yaml_text(R"yaml(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: {type: string, pattern: "^(?=small|large)"}
    - name: v2
      served: true
      storage: false
)yaml",
                                    "crds/widget.yaml");
  CrdLoad load = load_crds(file);
  EXPECT_EQ(load.crds, 1u);
  EXPECT_TRUE(load.schemas.empty());
  ASSERT_EQ(load.findings.size(), 2u);
  const Finding& broken = load.findings[0];
  EXPECT_EQ(broken.rule, "schema/invalid-crd");
  EXPECT_EQ(broken.severity, Severity::kError);
  EXPECT_EQ(broken.path, "crds/widget.yaml");
  EXPECT_EQ(broken.position, (Position{19, 47}));  // the pattern's value
  EXPECT_NE(broken.message.find("CustomResourceDefinition widgets.example.com, version v1"),
            std::string::npos)
      << broken.message;
  EXPECT_NE(broken.message.find("Go regexp"), std::string::npos) << broken.message;
  const Finding& no_schema = load.findings[1];
  EXPECT_EQ(no_schema.severity, Severity::kWarning);
  EXPECT_EQ(no_schema.position, (Position{20, 7}));
  EXPECT_NE(no_schema.message.find("version v2 has no openAPIV3Schema"), std::string::npos);
}

TEST(CrdLoader, RootFieldsAreAlwaysAllowedAndOtherDocumentsIgnored) {
  ParsedFile file = parse_yaml_text(R"(apiVersion: v1
kind: ConfigMap
metadata: {name: not-a-crd}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gadgets.example.com}
spec:
  group: example.com
  names: {kind: Gadget}
  versions:
    - name: v1alpha1
      served: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: {type: object, properties: {count: {type: integer, minimum: 1}}}
)");
  CrdLoad load = load_crds(file);
  EXPECT_EQ(load.crds, 1u);
  EXPECT_TRUE(load.findings.empty());
  const CompiledSchema* gadget = load.schemas.find("example.com/v1alpha1", "Gadget");
  ASSERT_NE(gadget, nullptr);
  ParsedFile object = parse_yaml_text(
      "apiVersion: example.com/v1alpha1\nkind: Gadget\nmetadata: {name: g}\nspec: {count: 0}\n");
  ViolationList v = gadget->validate(object.documents[0].root());
  ASSERT_EQ(v.size(), 1u) << describe(v);
  EXPECT_EQ(v[0].message, "spec.count must be >= 1, got 0");
}

TEST(CrdLoader, MissingFileIsAFinding) {
  CrdLoad load = load_crd_file("/nonexistent/crd.yaml");
  ASSERT_EQ(load.findings.size(), 1u);
  EXPECT_EQ(load.findings[0].rule, "schema/invalid-crd");
}

}  // namespace
}  // namespace pushgate
