// OpenAPI and Kubernetes extensions, and the compile options the Kubernetes loaders use.
#include <gtest/gtest.h>

#include "tests/unit/schema/schema_test_support.h"

namespace pushgate {
namespace {

using nlohmann::json;
using schema_test::describe;
using schema_test::parse_yaml_text;

CompileOptions kubernetes_options() {
  CompileOptions options;
  options.patterns = PatternDialect::kRe2;
  options.strict = true;
  options.integer_accepts_integral_float = false;
  options.null_means_absent = true;
  return options;
}

// Violations refer to their document's nodes, so the parsed file travels with them.
struct Checked {
  ParsedFile file;
  ViolationList violations;
  std::size_t size() const { return violations.size(); }
  bool empty() const { return violations.empty(); }
  const Violation& operator[](std::size_t i) const { return violations[i]; }
};

Checked check(const char* schema, std::string_view yaml,
              const CompileOptions& options = kubernetes_options()) {
  CompiledSchema compiled = schema_test::compile_ok(json::parse(schema), options);
  Checked result{parse_yaml_text(yaml), {}};
  result.violations = compiled.validate(result.file.documents[0].root());
  return result;
}

TEST(IntOrString, ExtensionAcceptsBothAndRejectsOthers) {
  const char* schema = R"js({"properties": {"port": {"x-kubernetes-int-or-string": true,
      "anyOf": [{"type": "integer"}, {"type": "string"}]}}})js";
  EXPECT_TRUE(check(schema, "port: 8080\n").empty());
  EXPECT_TRUE(check(schema, "port: http\n").empty());
  Checked v = check(schema, "port: true\n");
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v[0].rule, "schema/type");
  EXPECT_EQ(v[0].message,
            "port must be string or integer, got boolean true; YAML reads the unquoted true as a "
            "boolean: quote it (\"true\") to keep it a string");
}

TEST(IntOrString, SwaggerFormatOverridesTypeString) {
  // Kubernetes' swagger.json spells IntOrString as {type: string, format: int-or-string}.
  const char* schema =
      R"js({"properties": {"port": {"type": "string", "format": "int-or-string"}}})js";
  EXPECT_TRUE(check(schema, "port: 8080\n").empty());
  EXPECT_TRUE(check(schema, "port: \"25%\"\n").empty());
  EXPECT_FALSE(check(schema, "port: 1.5\n").empty());
}

TEST(StrictSchemas, UnknownFieldsAreErrorsUnlessPreserved) {
  const char* schema = R"js({"type": "object", "properties": {
      "spec": {"type": "object", "properties": {"replicas": {"type": "integer"}}},
      "values": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
      "labels": {"type": "object", "additionalProperties": {"type": "string"}}}})js";
  Checked v = check(schema, "spec: {replica: 1}\nvalues: {anything: {goes: 1}}\nlabels: {a: b}\n");
  ASSERT_EQ(v.size(), 1u) << describe(v.violations);
  EXPECT_EQ(v[0].keyword, "strict");
  EXPECT_EQ(v[0].message, "unknown field `replica` in spec; did you mean `replicas`?");
  EXPECT_EQ(v[0].node.position(), (Position{1, 8}));
  EXPECT_EQ(check(schema, "oops: 1\n")[0].message,
            "unknown field `oops` at the top level; known fields are `labels`, `spec`, `values`");

  CompileOptions lax = kubernetes_options();
  lax.strict = false;
  EXPECT_TRUE(check(schema, "spec: {replica: 1}\n", lax).empty());
}

TEST(StrictSchemas, PreserveUnknownFieldsWithoutTypeAcceptsAnything) {
  const char* schema =
      R"js({"properties": {"values": {"x-kubernetes-preserve-unknown-fields": true}}})js";
  EXPECT_TRUE(check(schema, "values: [1, {a: b}]\n").empty());
  EXPECT_TRUE(check(schema, "values: 3\n").empty());
}

TEST(EmbeddedResource, NeedsApiVersionAndKind) {
  const char* schema = R"js({"properties": {"template": {"type": "object",
      "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true},
      "strict": {"type": "object", "x-kubernetes-embedded-resource": true,
                 "properties": {"spec": {"type": "object"}}}}})js";
  EXPECT_TRUE(check(schema, "template: {apiVersion: v1, kind: ConfigMap, data: {a: b}}\n").empty());
  Checked v = check(schema, "template:\n  kind: ConfigMap\n");
  ASSERT_EQ(v.size(), 1u) << describe(v.violations);
  EXPECT_EQ(v[0].rule, "schema/embedded-resource");
  EXPECT_EQ(v[0].json_path, "template");
  EXPECT_EQ(v[0].node.position(), (Position{2, 3}));
  EXPECT_EQ(v[0].message,
            "template is an embedded Kubernetes object and needs a non-empty `apiVersion`; add it "
            "(e.g. apiVersion: v1)");
  // apiVersion, kind and metadata are known fields of an embedded object even when strict.
  EXPECT_TRUE(
      check(schema, "strict: {apiVersion: v1, kind: Secret, metadata: {name: a}, spec: {}}\n")
          .empty());
  EXPECT_EQ(check(schema, "strict: {apiVersion: v1, kind: Secret, data: {}}\n").size(), 1u);
}

TEST(ListType, SetRejectsRepeatedValues) {
  const char* schema = R"js({"properties": {"finalizers": {"type": "array",
      "x-kubernetes-list-type": "set", "items": {"type": "string"}}}})js";
  EXPECT_TRUE(check(schema, "finalizers: [a, b]\n").empty());
  Checked v = check(schema, "finalizers:\n  - a\n  - b\n  - a\n");
  ASSERT_EQ(v.size(), 1u) << describe(v.violations);
  EXPECT_EQ(v[0].rule, "schema/list-type");
  EXPECT_EQ(v[0].json_path, "finalizers[2]");
  EXPECT_EQ(v[0].node.position(), (Position{4, 5}));
  EXPECT_EQ(v[0].message,
            "finalizers[2] repeats item 0 of finalizers; a list of type set must not repeat a "
            "value, remove it");
}

const char* const kContainers = R"js({"properties": {"containers": {"type": "array",
    "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
    "items": {"$ref": "#/definitions/Container"}}},
  "definitions": {
    "Container": {"type": "object", "required": ["name"], "properties": {
      "name": {"type": "string"},
      "ports": {"type": "array", "x-kubernetes-list-type": "map",
                "x-kubernetes-list-map-keys": ["containerPort", "protocol"],
                "items": {"allOf": [{"$ref": "#/definitions/ContainerPort"}]}}}},
    "ContainerPort": {"type": "object", "required": ["containerPort"], "properties": {
      "containerPort": {"type": "integer"},
      "protocol": {"type": "string", "default": "TCP"}}}}})js";

TEST(ListType, MapRejectsDuplicateKeys) {
  Checked v = check(kContainers, R"(containers:
  - name: app
  - name: sidecar
  - name: app
)");
  ASSERT_EQ(v.size(), 1u) << describe(v.violations);
  EXPECT_EQ(v[0].rule, "schema/list-type");
  EXPECT_EQ(v[0].keyword, "x-kubernetes-list-map-keys");
  EXPECT_EQ(v[0].json_path, "containers[2]");
  EXPECT_EQ(v[0].node.position(), (Position{4, 5}));
  EXPECT_EQ(v[0].message,
            "containers[2] has the same key (name=string \"app\") as item 0; each item of "
            "containers needs a unique key, merge or rename them");
}

TEST(ListType, MapKeysTakeSchemaDefaults) {
  // protocol defaults to TCP, so an explicit TCP duplicates an omitted one; UDP does not.
  Checked v = check(kContainers, R"(containers:
  - name: app
    ports:
      - containerPort: 80
      - containerPort: 80
        protocol: UDP
      - containerPort: 80
        protocol: TCP
)");
  ASSERT_EQ(v.size(), 1u) << describe(v.violations);
  EXPECT_EQ(v[0].json_path, "containers[0].ports[2]");
  EXPECT_EQ(v[0].message,
            "containers[0].ports[2] has the same key (containerPort=integer 80, protocol=string "
            "\"TCP\") as item 0; each item of containers[0].ports needs a unique key, merge or "
            "rename them");
}

TEST(ListType, LongListsUseHashing) {
  std::string yaml = "containers:\n";
  for (int i = 0; i < 200; ++i) yaml += "  - name: c" + std::to_string(i) + "\n";
  EXPECT_TRUE(check(kContainers, yaml).empty());
  yaml += "  - name: c17\n  - name: c3\n";
  Checked v = check(kContainers, yaml);
  ASSERT_EQ(v.size(), 2u) << describe(v.violations);
  EXPECT_EQ(v[0].json_path, "containers[200]");
  EXPECT_EQ(v[1].json_path, "containers[201]");
  EXPECT_NE(v[1].message.find("as item 3;"), std::string::npos) << v[1].message;
}

TEST(SchemaNullable, NullPassesOnlyWhenNullable) {
  CompileOptions options;  // plain JSON Schema semantics: null is a value
  const char* schema = R"js({"properties": {"a": {"type": "string", "nullable": true},
                                            "b": {"type": "string"}}})js";
  EXPECT_TRUE(check(schema, "a: null\n", options).empty());
  EXPECT_EQ(check(schema, "b: null\n", options).size(), 1u);
}

TEST(NullMeansAbsent, NullFieldsAreUnsetButRequiredStillBites) {
  const char* schema = R"js({"type": "object", "required": ["selector"], "properties": {
      "selector": {"type": "object"}, "replicas": {"type": "integer"}}})js";
  EXPECT_TRUE(check(schema, "selector: {}\nreplicas: null\n").empty());
  EXPECT_TRUE(check(schema, "selector: {}\nreplicas:\n").empty());
  Checked v = check(schema, "selector:\nreplicas: 1\n");
  ASSERT_EQ(v.size(), 1u) << describe(v.violations);
  EXPECT_EQ(v[0].rule, "schema/required");
  EXPECT_EQ(v[0].json_path, "selector");
  EXPECT_EQ(v[0].node.position(), (Position{1, 10}));
  EXPECT_EQ(v[0].message, "selector is required but has no value (empty); give it a value");
}

TEST(IntegerSemantics, KubernetesRefusesOnePointZero) {
  const char* schema = R"js({"properties": {"replicas": {"type": "integer"}}})js";
  EXPECT_EQ(check(schema, "replicas: 1.0\n").size(), 1u);
  CompileOptions json_schema;
  EXPECT_TRUE(check(schema, "replicas: 1.0\n", json_schema).empty());
}

TEST(PatternDialect, Re2SyntaxForKubernetes) {
  // Go regexp syntax ([[:alpha:]], \z) is what CRD authors write.
  const char* schema = R"js({"properties": {"name": {"pattern": "^[[:alpha:]]+\\z"}}})js";
  EXPECT_TRUE(check(schema, "name: abc\n").empty());
  EXPECT_EQ(check(schema, "name: ab1\n").size(), 1u);
}

TEST(SchemaFormats, AssertedAndSkipped) {
  CompileOptions options;
  const char* schema = R"js({"properties": {"t": {"type": "string", "format": "date-time"},
                                            "n": {"type": "string", "format": "int32"}}})js";
  EXPECT_TRUE(check(schema, "t: \"2024-01-31T12:00:00Z\"\nn: anything\n", options).empty());
  Checked v = check(schema, "t: yesterday\n", options);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].rule, "schema/format");
  EXPECT_EQ(v[0].message,
            "t must be an RFC 3339 date-time such as 2024-01-31T12:00:00Z, got \"yesterday\"");
  options.assert_formats = false;
  EXPECT_TRUE(check(schema, "t: yesterday\n", options).empty());
}

}  // namespace
}  // namespace pushgate
