// What people see: positions, Kubernetes-style paths, rule ids and messages that say how to fix
// the problem ("quote it", "did you mean").
#include <gtest/gtest.h>

#include "tests/unit/schema/schema_test_support.h"

namespace pushgate {
namespace {

using nlohmann::json;
using schema_test::describe;
using schema_test::parse_yaml_text;

const char* const kDeploymentLike = R"js({
  "type": "object",
  "required": ["apiVersion", "kind", "spec"],
  "properties": {
    "apiVersion": {"type": "string"},
    "kind": {"type": "string"},
    "metadata": {"type": "object", "properties": {
      "name": {"type": "string", "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "maxLength": 63},
      "labels": {"type": "object", "additionalProperties": {"type": "string"}}}},
    "spec": {"type": "object", "additionalProperties": false, "required": ["selector"],
      "properties": {
        "replicas": {"type": "integer", "minimum": 0},
        "paused": {"type": "boolean"},
        "selector": {"type": "object"},
        "strategy": {"type": "object", "properties": {
          "type": {"type": "string", "enum": ["Recreate", "RollingUpdate"]}}},
        "template": {"type": "object", "properties": {"spec": {"type": "object", "properties": {
          "containers": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["name"], "additionalProperties": false,
            "properties": {"name": {"type": "string"}, "image": {"type": "string"},
                           "imagePullPolicy": {"type": "string",
                                               "enum": ["Always", "IfNotPresent", "Never"]}}}}}}}}}}}})js";

class SchemaMessages : public testing::Test {
 protected:
  ViolationList check(std::string_view yaml) {
    file_ = parse_yaml_text(yaml);
    return schema_.validate(file_.documents[0].root());
  }
  CompiledSchema schema_ = schema_test::compile_ok(json::parse(kDeploymentLike));
  ParsedFile file_;
};

TEST_F(SchemaMessages, ValidDocumentHasNoViolations) {
  ViolationList v = check(R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 3
  selector: {}
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
)");
  EXPECT_TRUE(v.empty()) << describe(v);
}

TEST_F(SchemaMessages, TypeErrorAtTheValueWithPathAndSpan) {
  ViolationList v =
      check("apiVersion: apps/v1\nkind: Deployment\nspec:\n  selector: {}\n  replicas: three\n");
  ASSERT_EQ(v.size(), 1u) << describe(v);
  EXPECT_EQ(v[0].rule, "schema/type");
  EXPECT_EQ(v[0].keyword, "type");
  EXPECT_EQ(v[0].json_path, "spec.replicas");
  EXPECT_EQ(v[0].node.position(), (Position{5, 13}));
  EXPECT_EQ(v[0].expected, "integer");
  EXPECT_EQ(v[0].found, "string \"three\"");
  EXPECT_EQ(v[0].message, "spec.replicas must be integer, got string \"three\"");
  EXPECT_EQ(v[0].schema_location, "#/properties/spec/properties/replicas");
  Finding f = to_finding(v[0], "clusters/app.yaml");
  EXPECT_EQ(f.rule, "schema/type");
  EXPECT_EQ(f.path, "clusters/app.yaml");
  EXPECT_EQ(f.position, (Position{5, 13}));
  EXPECT_EQ(f.span, 5u);
  EXPECT_EQ(f.json_path, "spec.replicas");
  EXPECT_EQ(f.document, 0);
}

TEST_F(SchemaMessages, QuotedNumberWhereIntegerIsWantedSaysRemoveTheQuotes) {
  ViolationList v = check("apiVersion: v1\nkind: D\nspec:\n  selector: {}\n  replicas: \"3\"\n");
  ASSERT_EQ(v.size(), 1u) << describe(v);
  EXPECT_EQ(
      v[0].message,
      "spec.replicas must be integer, got string \"3\"; remove the quotes to make it a number");
}

// Issue 11: a 100,000-digit number (a float YAML reads: 1000…0e-99990 is 1e10) was quoted whole,
// twice: the value and the "quote it" hint made a 200 KB remote line.
TEST_F(SchemaMessages, AHugeNumberIsQuotedCapped) {
  const std::string huge = "1" + std::string(100000, '0') + "e-99990";
  CompiledSchema schema = schema_test::compile_ok(
      json::parse(R"js({"properties": {"version": {"type": "string"}}})js"));
  ParsedFile file = parse_yaml_text("version: " + huge + "\n");
  ViolationList v = schema.validate(file.documents[0].root());
  ASSERT_EQ(v.size(), 1u) << describe(v);
  EXPECT_LT(v[0].message.size(), 700u) << v[0].message.size();
  EXPECT_NE(v[0].message.find("\xE2\x80\xA6 (100008 characters)"), std::string::npos);
  ViolationList paused =
      check("apiVersion: v1\nkind: D\nspec:\n  selector: {}\n  paused: " + huge + "\n");
  ASSERT_EQ(paused.size(), 1u) << describe(paused);
  EXPECT_LT(paused[0].message.size(), 400u) << paused[0].message.size();
}

struct YamlTypingCase {
  const char* name;
  const char* value;  // as written after `image: `
  const char* message;
};

class YamlTyping : public testing::TestWithParam<YamlTypingCase> {};

TEST_P(YamlTyping, MessageSaysToQuote) {
  CompiledSchema schema = schema_test::compile_ok(
      json::parse(R"js({"properties": {"version": {"type": "string"}}})js"));
  ParsedFile file = parse_yaml_text(std::string("version: ") + GetParam().value + "\n");
  ViolationList v = schema.validate(file.documents[0].root());
  ASSERT_EQ(v.size(), 1u) << describe(v);
  EXPECT_EQ(v[0].rule, "schema/type");
  EXPECT_EQ(v[0].message, GetParam().message);
  EXPECT_EQ(v[0].node.position(), (Position{1, 10}));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, YamlTyping,
    testing::Values(
        YamlTypingCase{"float", "1.10",
                       "version must be string, got number 1.10; YAML reads the unquoted 1.10 as "
                       "a number: quote it (\"1.10\") to keep it a string"},
        YamlTypingCase{"integer", "0777",
                       "version must be string, got integer 0777; YAML reads the unquoted 0777 "
                       "as a number: quote it (\"0777\") to keep it a string"},
        YamlTypingCase{"on", "on",
                       "version must be string, got boolean true; YAML reads the unquoted on as "
                       "a boolean: quote it (\"on\") to keep it a string"},
        YamlTypingCase{"yes", "yes",
                       "version must be string, got boolean true; YAML reads the unquoted yes as "
                       "a boolean: quote it (\"yes\") to keep it a string"},
        YamlTypingCase{"tilde", "~",
                       "version must be string, got null; YAML reads the unquoted ~ as null: "
                       "quote it (\"~\") to keep it a string"},
        YamlTypingCase{"null_word", "null",
                       "version must be string, got null; YAML reads the unquoted null as null: "
                       "quote it (\"null\") to keep it a string"}),
    [](const testing::TestParamInfo<YamlTypingCase>& info) {
      return std::string(info.param.name);
    });

TEST(YamlTypingHint, EmptyValueSaysWriteOne) {
  CompiledSchema schema =
      schema_test::compile_ok(json::parse(R"js({"properties": {"image": {"type": "string"}}})js"));
  ParsedFile file = parse_yaml_text("image:\n");
  ViolationList v = schema.validate(file.documents[0].root());
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].message,
            "image must be string, got null (no value); the value is empty: write one, or \"\" "
            "for an empty string");
}

TEST(YamlTypingHint, QuotedValuesGetNoQuoteAdvice) {
  CompiledSchema schema = schema_test::compile_ok(
      json::parse(R"js({"properties": {"port": {"type": "string", "enum": ["http"]}}})js"));
  ParsedFile file = parse_yaml_text("port: \"1.10\"\n");
  ViolationList v = schema.validate(file.documents[0].root());
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].rule, "schema/enum");
  EXPECT_EQ(v[0].message.find("quote"), std::string::npos) << v[0].message;
}

TEST_F(SchemaMessages, MissingRequiredFieldPointsAtTheParentAndNamesIt) {
  ViolationList v = check(R"(apiVersion: apps/v1
kind: Deployment
spec:
  selector: {}
  template:
    spec:
      containers:
        - image: nginx
)");
  ASSERT_EQ(v.size(), 1u) << describe(v);
  EXPECT_EQ(v[0].rule, "schema/required");
  EXPECT_EQ(v[0].json_path, "spec.template.spec.containers[0]");
  EXPECT_EQ(v[0].node.position(), (Position{8, 11}));
  EXPECT_EQ(v[0].message,
            "spec.template.spec.containers[0] is missing required field `name`; add it");
}

TEST_F(SchemaMessages, MissingRequiredAtTheTopLevel) {
  ViolationList v = check("apiVersion: v1\nspec: {selector: {}}\n");
  ASSERT_EQ(v.size(), 1u) << describe(v);
  EXPECT_EQ(v[0].json_path, "");
  EXPECT_EQ(v[0].node.position(), (Position{1, 1}));
  EXPECT_EQ(v[0].message, "document is missing required field `kind`; add it");
}

TEST_F(SchemaMessages, UnknownFieldSuggestsTheNearMiss) {
  ViolationList v = check("apiVersion: v1\nkind: D\nspec:\n  selector: {}\n  replcias: 3\n");
  ASSERT_EQ(v.size(), 1u) << describe(v);
  EXPECT_EQ(v[0].rule, "schema/additional-property");
  EXPECT_EQ(v[0].keyword, "additionalProperties");
  EXPECT_EQ(v[0].json_path, "spec.replcias");
  EXPECT_EQ(v[0].node.position(), (Position{5, 3}));  // the key
  EXPECT_EQ(v[0].message, "unknown field `replcias` in spec; did you mean `replicas`?");
  EXPECT_EQ(to_finding(v[0], "a.yaml").span, 8u);
}

TEST_F(SchemaMessages, UnknownFieldCaseMismatch) {
  ViolationList v = check(R"(apiVersion: v1
kind: D
spec:
  selector: {}
  template:
    spec:
      containers:
        - name: a
          ImagePullPolicy: Always
)");
  ASSERT_EQ(v.size(), 1u) << describe(v);
  EXPECT_EQ(v[0].json_path, "spec.template.spec.containers[0].ImagePullPolicy");
  EXPECT_EQ(v[0].message,
            "unknown field `ImagePullPolicy` in spec.template.spec.containers[0]; did you mean "
            "`imagePullPolicy`?");
}

TEST_F(SchemaMessages, UnknownFieldWithoutNearMissListsTheKnownOnes) {
  ViolationList v = check(R"(apiVersion: v1
kind: D
spec:
  selector: {}
  template:
    spec:
      containers:
        - name: a
          volumeMounts: []
)");
  ASSERT_EQ(v.size(), 1u) << describe(v);
  EXPECT_EQ(v[0].message,
            "unknown field `volumeMounts` in spec.template.spec.containers[0]; known fields are "
            "`image`, `imagePullPolicy`, `name`");
}

TEST_F(SchemaMessages, EnumSuggestsTheNearMiss) {
  ViolationList v = check(R"(apiVersion: v1
kind: D
spec:
  selector: {}
  strategy: {type: Rollingupdate}
)");
  ASSERT_EQ(v.size(), 1u) << describe(v);
  EXPECT_EQ(v[0].rule, "schema/enum");
  EXPECT_EQ(v[0].json_path, "spec.strategy.type");
  EXPECT_EQ(v[0].node.position(), (Position{5, 20}));
  EXPECT_EQ(v[0].message,
            "spec.strategy.type must be one of \"Recreate\", \"RollingUpdate\", got string "
            "\"Rollingupdate\"; did you mean \"RollingUpdate\"?");
}

TEST_F(SchemaMessages, PatternAndLength) {
  ViolationList v =
      check("apiVersion: v1\nkind: D\nmetadata: {name: Web_1}\nspec: {selector: {}}\n");
  ASSERT_EQ(v.size(), 1u) << describe(v);
  EXPECT_EQ(v[0].rule, "schema/pattern");
  EXPECT_EQ(v[0].message,
            "metadata.name must match the pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$, got \"Web_1\"");
  v = check("apiVersion: v1\nkind: D\nmetadata: {name: " + std::string(64, 'a') +
            "}\nspec: {selector: {}}\n");
  ASSERT_EQ(v.size(), 1u) << describe(v);
  EXPECT_EQ(v[0].rule, "schema/max-length");
  EXPECT_EQ(v[0].message,
            "metadata.name must be at most 63 characters long, got 64 characters; shorten it");
}

TEST_F(SchemaMessages, MinimumAndMinItems) {
  ViolationList v = check(R"(apiVersion: v1
kind: D
spec:
  selector: {}
  replicas: -1
  template: {spec: {containers: []}}
)");
  ASSERT_EQ(v.size(), 2u) << describe(v);
  EXPECT_EQ(v[0].rule, "schema/minimum");
  EXPECT_EQ(v[0].message, "spec.replicas must be >= 0, got -1");
  EXPECT_EQ(v[1].rule, "schema/min-items");
  EXPECT_EQ(v[1].message, "spec.template.spec.containers must have at least 1 item, got 0 items");
}

TEST_F(SchemaMessages, LabelKeysUseBracketPaths) {
  ViolationList v = check(
      "apiVersion: v1\nkind: D\nmetadata:\n  labels:\n    app.kubernetes.io/version: 1.10\nspec: "
      "{selector: {}}\n");
  ASSERT_EQ(v.size(), 1u) << describe(v);
  EXPECT_EQ(v[0].json_path, "metadata.labels[app.kubernetes.io/version]");
  EXPECT_EQ(v[0].node.position(), (Position{5, 32}));
  EXPECT_NE(v[0].message.find("quote it (\"1.10\")"), std::string::npos) << v[0].message;
}

TEST_F(SchemaMessages, EveryProblemIsReportedNotJustTheFirst) {
  ViolationList v = check(R"(apiVersion: 1
kind: D
spec:
  selector: {}
  replicas: x
  paused: maybe
  extra: 1
)");
  EXPECT_EQ(v.size(), 4u) << describe(v);
}

TEST(SchemaAlternatives, WrongTypeForEveryBranchBecomesOneTypeError) {
  CompiledSchema schema = schema_test::compile_ok(json::parse(R"js({"properties": {
      "port": {"oneOf": [{"type": "integer"}, {"type": "string"}]}}})js"));
  ParsedFile file = parse_yaml_text("port: [80]\n");
  ViolationList v = schema.validate(file.documents[0].root());
  ASSERT_EQ(v.size(), 1u) << describe(v);
  EXPECT_EQ(v[0].rule, "schema/type");
  EXPECT_EQ(v[0].keyword, "oneOf");
  EXPECT_EQ(v[0].message, "port must be string or integer, got array");
}

TEST(SchemaAlternatives, TheBranchThatGotFurthestExplains) {
  CompiledSchema schema = schema_test::compile_ok(json::parse(R"js({"properties": {"source": {
      "anyOf": [
        {"type": "string"},
        {"type": "object", "required": ["git"], "properties": {
           "git": {"type": "object", "properties": {"depth": {"type": "integer"}}}}},
        {"type": "object", "required": ["oci"]}]}}})js"));
  ParsedFile file = parse_yaml_text("source:\n  git:\n    depth: shallow\n");
  ViolationList v = schema.validate(file.documents[0].root());
  ASSERT_EQ(v.size(), 1u) << describe(v);
  EXPECT_EQ(v[0].json_path, "source.git.depth");
  EXPECT_EQ(v[0].message, "source.git.depth must be integer, got string \"shallow\"");
}

TEST(SchemaAlternatives, OneOfMatchingTwiceSaysWhich) {
  CompiledSchema schema = schema_test::compile_ok(
      json::parse(R"js({"oneOf": [{"type": "integer"}, {"minimum": 2}]})js"));
  ParsedFile file = parse_yaml_text("3\n");
  ViolationList v = schema.validate(file.documents[0].root());
  ASSERT_EQ(v.size(), 1u) << describe(v);
  EXPECT_EQ(v[0].rule, "schema/one-of");
  EXPECT_EQ(v[0].message,
            "document matches more than one alternative of oneOf (#/oneOf/0 and /1); it must "
            "match exactly one");
}

TEST(SchemaMessageDetails, PropertyNamesTalkAboutTheName) {
  CompiledSchema schema = schema_test::compile_ok(json::parse(
      R"js({"properties": {"data": {"propertyNames": {"pattern": "^[-._a-zA-Z0-9]+$"}}}})js"));
  ParsedFile file = parse_yaml_text("data:\n  good.key: 1\n  bad key: 2\n");
  ViolationList v = schema.validate(file.documents[0].root());
  ASSERT_EQ(v.size(), 1u) << describe(v);
  EXPECT_EQ(v[0].rule, "schema/pattern");
  EXPECT_EQ(v[0].node.position(), (Position{3, 3}));
  EXPECT_EQ(
      v[0].message,
      "field name \"bad key\" in data must match the pattern ^[-._a-zA-Z0-9]+$, got \"bad key\"");
}

TEST(SchemaMessageDetails, ViolationsAreCapped) {
  CompiledSchema schema =
      schema_test::compile_ok(json::parse(R"js({"items": {"type": "string"}})js"));
  std::string yaml;
  for (int i = 0; i < 500; ++i) yaml += "- " + std::to_string(i) + "\n";
  ParsedFile file = parse_yaml_text(yaml);
  EXPECT_EQ(schema.validate(file.documents[0].root()).size(), CompiledSchema::kMaxViolations);
}

TEST(SchemaMessageDetails, JsonDocumentsGetPositionsToo) {
  CompiledSchema schema = schema_test::compile_ok(json::parse(
      R"js({"properties": {"spec": {"properties": {"replicas": {"type": "integer"}}}}})js"));
  ParsedFile file =
      schema_test::parse_json_text("{\n  \"spec\": {\n    \"replicas\": \"3\"\n  }\n}\n");
  ViolationList v = schema.validate(file.documents[0].root());
  ASSERT_EQ(v.size(), 1u) << describe(v);
  EXPECT_EQ(v[0].node.position(), (Position{3, 17}));
  EXPECT_EQ(v[0].json_path, "spec.replicas");
}

}  // namespace
}  // namespace pushgate
