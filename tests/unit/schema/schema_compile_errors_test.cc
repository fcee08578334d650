// Compile-time failures: every malformed schema is an error naming the offending fragment, never
// a crash and never a schema that silently accepts.
#include <gtest/gtest.h>

#include "tests/unit/schema/schema_test_support.h"

namespace pushgate {
namespace {

using nlohmann::json;

struct BadSchemaCase {
  const char* name;
  const char* schema;
  ErrorCode code;
  const char* location;  // error_location()
  const char* message_part;
};

class BadSchema : public testing::TestWithParam<BadSchemaCase> {};

TEST_P(BadSchema, IsACompileErrorWithItsLocation) {
  const BadSchemaCase& c = GetParam();
  CompiledSchema schema = CompiledSchema::compile(json::parse(c.schema));
  ASSERT_FALSE(schema.ok());
  EXPECT_EQ(schema.error().code, c.code) << schema.error().message;
  EXPECT_EQ(schema.error_location(), c.location) << schema.error().message;
  EXPECT_NE(schema.error().message.find(c.message_part), std::string::npos)
      << schema.error().message;
  EXPECT_EQ(schema.error().message.rfind(c.location, 0), 0u) << "message starts with the location";
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadSchema,
    testing::Values(
        BadSchemaCase{"lookahead", R"js({"properties": {"name": {"pattern": "^(?!kube-).*$"}}})js",
                      ErrorCode::kUnsupported, "#/properties/name/pattern", "lookahead"},
        BadSchemaCase{"lookbehind", R"js({"pattern": "(?<=a)b"})js", ErrorCode::kUnsupported,
                      "#/pattern", "lookbehind"},
        BadSchemaCase{"backreference", R"js({"items": {"pattern": "(a)\\1"}})js",
                      ErrorCode::kUnsupported, "#/items/pattern", "backreference"},
        BadSchemaCase{"named_backreference", R"js({"pattern": "(?<x>a)\\k<x>"})js",
                      ErrorCode::kUnsupported, "#/pattern", "backreference"},
        BadSchemaCase{"bad_regex", R"js({"pattern": "a{2,1}"})js", ErrorCode::kInvalid, "#/pattern",
                      "not a valid regular expression"},
        BadSchemaCase{"unclosed_class", R"js({"pattern": "[abc"})js", ErrorCode::kInvalid,
                      "#/pattern", "not closed"},
        BadSchemaCase{"bad_pattern_property", R"js({"patternProperties": {"^(?=x)": {}}})js",
                      ErrorCode::kUnsupported, "#/patternProperties/^(?=x)", "lookahead"},
        BadSchemaCase{"unresolvable_local_ref",
                      R"js({"properties": {"a": {"$ref": "#/definitions/missing"}}})js",
                      ErrorCode::kInvalid, "#/properties/a/$ref", "points at nothing"},
        BadSchemaCase{"unresolvable_components_ref",
                      R"js({"$ref": "#/components/schemas/io.k8s.Nope"})js", ErrorCode::kInvalid,
                      "#/$ref", "#/components/schemas/io.k8s.Nope does not exist"},
        BadSchemaCase{"remote_ref_without_resolver",
                      R"js({"$ref": "https://example.com/other.json"})js", ErrorCode::kInvalid,
                      "#/$ref", "remote references are off"},
        BadSchemaCase{"unknown_anchor", R"js({"$ref": "#nowhere"})js", ErrorCode::kInvalid,
                      "#/$ref", "no $id declares it"},
        BadSchemaCase{"self_ref_root", R"js({"$ref": "#"})js", ErrorCode::kInvalid, "#",
                      "never end"},
        BadSchemaCase{"ref_loop",
                      R"js({"definitions": {"a": {"$ref": "#/definitions/b"},
                                          "b": {"allOf": [{"$ref": "#/definitions/a"}]}},
                          "$ref": "#/definitions/a"})js",
                      ErrorCode::kInvalid, "#/definitions/a", "never end"},
        BadSchemaCase{"type_name", R"js({"type": "int"})js", ErrorCode::kInvalid, "#/type",
                      "type must be one of"},
        BadSchemaCase{"minimum_string", R"js({"properties": {"n": {"minimum": "3"}}})js",
                      ErrorCode::kInvalid, "#/properties/n/minimum", "must be a number"},
        BadSchemaCase{"negative_length", R"js({"minLength": -1})js", ErrorCode::kInvalid,
                      "#/minLength", "non-negative integer"},
        BadSchemaCase{"required_not_list", R"js({"required": "name"})js", ErrorCode::kInvalid,
                      "#/required", "list of field names"},
        BadSchemaCase{"schema_is_number", R"js({"properties": {"a": 5}})js", ErrorCode::kInvalid,
                      "#/properties/a", "object or a boolean"},
        BadSchemaCase{"empty_anyof", R"js({"anyOf": []})js", ErrorCode::kInvalid, "#/anyOf",
                      "non-empty array"},
        BadSchemaCase{"zero_multiple", R"js({"multipleOf": 0})js", ErrorCode::kInvalid,
                      "#/multipleOf", "greater than 0"},
        BadSchemaCase{"list_type_unknown", R"js({"x-kubernetes-list-type": "bag"})js",
                      ErrorCode::kInvalid, "#/x-kubernetes-list-type", "atomic, set or map"},
        BadSchemaCase{"list_map_without_keys", R"js({"x-kubernetes-list-type": "map"})js",
                      ErrorCode::kInvalid, "#/x-kubernetes-list-map-keys", "needs"}),
    [](const testing::TestParamInfo<BadSchemaCase>& info) { return std::string(info.param.name); });

TEST(CompiledSchema, ABrokenSchemaRejectsEveryDocument) {
  CompiledSchema schema = CompiledSchema::compile(json::parse(R"js({"pattern": "(?=x)"})js"));
  ASSERT_FALSE(schema.ok());
  ParsedFile file = schema_test::parse_json_text(R"js("anything")js");
  EXPECT_FALSE(schema.is_valid(file.documents[0].root()));
  ViolationList violations = schema.validate(file.documents[0].root());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].rule, "schema/invalid-schema");
}

TEST(CompiledSchema, RecursiveRefsCompileAndValidationEnds) {
  // A tree: each node's children are trees. The $ref cycle passes through `items`, so it
  // descends into the document every round.
  CompiledSchema schema = schema_test::compile_ok(json::parse(R"js({
    "definitions": {"tree": {"type": "object", "required": ["value"],
                             "properties": {"value": {"type": "integer"},
                                            "children": {"type": "array",
                                                         "items": {"$ref": "#/definitions/tree"}}}}},
    "$ref": "#/definitions/tree"})js"));
  ParsedFile good = schema_test::parse_yaml_text(
      "value: 1\nchildren:\n  - value: 2\n    children:\n      - value: 3\n");
  EXPECT_TRUE(schema.is_valid(good.documents[0].root()));
  ParsedFile bad = schema_test::parse_yaml_text(
      "value: 1\nchildren:\n  - value: 2\n    children:\n      - value: x\n");
  ViolationList violations = schema.validate(bad.documents[0].root());
  ASSERT_EQ(violations.size(), 1u) << schema_test::describe(violations);
  EXPECT_EQ(violations[0].json_path, "children[0].children[0].value");
  EXPECT_EQ(violations[0].node.position(), (Position{5, 16}));
}

TEST(CompiledSchema, MutuallyRecursiveDefinitionsThroughProperties) {
  CompiledSchema schema = schema_test::compile_ok(json::parse(R"js({
    "definitions": {
      "a": {"type": "object", "properties": {"b": {"$ref": "#/definitions/b"}}},
      "b": {"type": "object", "properties": {"a": {"$ref": "#/definitions/a"}},
            "additionalProperties": false}},
    "$ref": "#/definitions/a"})js"));
  ParsedFile file = schema_test::parse_yaml_text("b: {a: {b: {a: {b: {c: 1}}}}}\n");
  ViolationList violations = schema.validate(file.documents[0].root());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].rule, "schema/additional-property");
  EXPECT_EQ(violations[0].json_path, "b.a.b.a.b.c");
}

TEST(CompiledSchema, ExponentialAnyOfHitsTheStepBudget) {
  // Each level offers two alternatives that both descend and both fail at the bottom, so a naive
  // search tries 2^depth paths; the budget turns that into a schema/too-complex violation.
  std::string definitions = R"js("level0": {"type": "integer"})js";
  for (int i = 1; i <= 40; ++i) {
    std::string below = R"js({"$ref": "#/definitions/level)js" + std::to_string(i - 1) + "\"}";
    definitions += ", \"level" + std::to_string(i) + "\": {\"anyOf\": [" +
                   R"js({"type": "array", "items": )js" + below + "}, " +
                   R"js({"type": "array", "minItems": 0, "items": )js" + below + "}]}";
  }
  json schema_json =
      json::parse(R"js({"$ref": "#/definitions/level40", "definitions": {)js" + definitions + "}}");
  CompiledSchema schema = schema_test::compile_ok(schema_json);
  std::string doc;
  for (int i = 0; i < 40; ++i) doc += "[";
  doc += "\"x\"";
  for (int i = 0; i < 40; ++i) doc += "]";
  ParsedFile file = schema_test::parse_json_text(doc);
  ViolationList violations = schema.validate(file.documents[0].root());
  ASSERT_FALSE(violations.empty());
  EXPECT_EQ(violations.back().rule, "schema/too-complex");
  EXPECT_FALSE(schema.is_valid(file.documents[0].root()));
}

TEST(CompiledSchema, RemoteRefsGoThroughTheResolver) {
  CompileOptions options;
  std::vector<std::string> asked;
  options.resolver = [&](const std::string& uri) -> Result<json> {
    asked.push_back(uri);
    if (uri == "https://schemas.example.com/port.json") {
      return json::parse(R"js({"definitions": {"port": {"type": "integer", "maximum": 65535}}})js");
    }
    return Error{ErrorCode::kNotFound, "no such schema"};
  };
  options.base_uri = "https://schemas.example.com/service.json";
  CompiledSchema schema = schema_test::compile_ok(
      json::parse(R"js({"properties": {"port": {"$ref": "port.json#/definitions/port"}}})js"),
      options);
  EXPECT_EQ(asked, std::vector<std::string>{"https://schemas.example.com/port.json"});
  ParsedFile file = schema_test::parse_yaml_text("port: 70000\n");
  ViolationList violations = schema.validate(file.documents[0].root());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].rule, "schema/maximum");
  EXPECT_EQ(violations[0].schema_location,
            "https://schemas.example.com/port.json#/definitions/port");

  CompiledSchema missing = CompiledSchema::compile(
      json::parse(R"js({"$ref": "https://schemas.example.com/gone.json"})js"), options);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find("no such schema"), std::string::npos);
}

TEST(CompiledSchema, CompileAllSharesDefinitions) {
  json document = json::parse(R"js({"components": {"schemas": {
      "Meta": {"type": "object", "properties": {"name": {"type": "string"}}},
      "A": {"type": "object", "properties": {"metadata": {"$ref": "#/components/schemas/Meta"}}},
      "B": {"type": "object", "properties": {"metadata": {"$ref": "#/components/schemas/Meta"}}}}}})js");
  std::vector<CompiledSchema> schemas =
      CompiledSchema::compile_all(document, {"/components/schemas/A", "/components/schemas/B"});
  ASSERT_EQ(schemas.size(), 2u);
  ASSERT_TRUE(schemas[0].ok() && schemas[1].ok());
  EXPECT_EQ(schemas[0].program_size(), schemas[1].program_size());
  // A, B, their two metadata properties, Meta once, and Meta's name.
  EXPECT_EQ(schemas[0].program_size(), 6u);
  ParsedFile file = schema_test::parse_yaml_text("metadata: {name: 3}\n");
  EXPECT_FALSE(schemas[1].is_valid(file.documents[0].root()));

  std::vector<CompiledSchema> missing = CompiledSchema::compile_all(document, {"/nope"});
  ASSERT_FALSE(missing[0].ok());
  EXPECT_EQ(missing[0].error_location(), "#/nope");
}

TEST(CompiledSchema, UnreferencedDefinitionsAreNotCompiled) {
  // Only what validation can reach is compiled (a broken, unused definition does not matter).
  CompiledSchema schema = schema_test::compile_ok(
      json::parse(R"js({"definitions": {"unused": {"pattern": "(?=x)"}}, "type": "object"})js"));
  EXPECT_EQ(schema.program_size(), 1u);
}

TEST(CompiledSchema, MovesKeepTheSchema) {
  CompiledSchema a = schema_test::compile_ok(json::parse(R"js({"type": "string"})js"));
  CompiledSchema b = std::move(a);
  ParsedFile file = schema_test::parse_json_text("3");
  EXPECT_FALSE(b.is_valid(file.documents[0].root()));
}

}  // namespace
}  // namespace pushgate
