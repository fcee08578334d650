// The small parts under the schema engine: URIs, JSON pointers, JSON paths, formats.
#include <gtest/gtest.h>

#include "core/schema/document_json.h"
#include "core/schema/json_path.h"
#include "core/schema/json_pointer.h"
#include "core/schema/kind_schema_set.h"
#include "core/schema/string_format.h"
#include "core/schema/uri.h"
#include "tests/unit/schema/schema_test_support.h"

namespace pushgate {
namespace {

TEST(ResolveUri, Rfc3986Examples) {
  const std::string base = "http://a/b/c/d;p?q";
  const std::pair<const char*, const char*> cases[] = {
      {"g", "http://a/b/c/g"},      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},    {"/g", "http://a/g"},
      {"//g", "http://g"},          {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},  {"#s", "http://a/b/c/d;p?q#s"},
      {"", "http://a/b/c/d;p?q"},   {"..", "http://a/b/"},
      {"../g", "http://a/b/g"},     {"../../g", "http://a/g"},
      {"../../../g", "http://a/g"}, {"g;x=1/../y", "http://a/b/c/y"},
      {"urn:x:y", "urn:x:y"},
  };
  for (const auto& [reference, expected] : cases) {
    EXPECT_EQ(resolve_uri(base, reference), expected) << reference;
  }
}

TEST(ResolveUri, EmptyBaseKeepsReferences) {
  EXPECT_EQ(resolve_uri("", "#/definitions/a"), "#/definitions/a");
  EXPECT_EQ(resolve_uri("", "other.json#/a"), "other.json#/a");
  EXPECT_EQ(resolve_uri("http://localhost:1234/", "folder/"), "http://localhost:1234/folder/");
  EXPECT_EQ(resolve_uri("http://localhost:1234/folder/", "folderInteger.json"),
            "http://localhost:1234/folder/folderInteger.json");
}

TEST(UriFragment, SplitsAndDecodes) {
  UriFragment f = split_uri_fragment("item.json#/definitions/a%25b");
  EXPECT_EQ(f.resource, "item.json");
  EXPECT_TRUE(f.has_fragment);
  EXPECT_EQ(percent_decode(f.fragment), "/definitions/a%b");
  EXPECT_FALSE(split_uri_fragment("item.json").has_fragment);
  EXPECT_EQ(percent_decode("%zz%4"), "%zz%4");
}

TEST(JsonPointer, ParsesEscapesAndFinds) {
  Result<std::vector<std::string>> tokens = parse_json_pointer("/a~1b/c~0d/0");
  ASSERT_TRUE(tokens);
  EXPECT_EQ(tokens.value(), (std::vector<std::string>{"a/b", "c~d", "0"}));
  EXPECT_EQ(format_json_pointer(tokens.value()), "/a~1b/c~0d/0");
  nlohmann::json doc = nlohmann::json::parse(R"({"a/b": {"c~d": [42]}})");
  const nlohmann::json* found = find_json_pointer(doc, tokens.value());
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(*found, 42);
  EXPECT_EQ(find_json_pointer(doc, {"a/b", "c~d", "01"}), nullptr);  // leading zero
  EXPECT_EQ(find_json_pointer(doc, {"a/b", "c~d", "1"}), nullptr);
  EXPECT_FALSE(parse_json_pointer("a/b"));
  EXPECT_FALSE(parse_json_pointer("/a~2"));
  EXPECT_TRUE(parse_json_pointer("").value().empty());
}

TEST(JsonPath, KubernetesStyle) {
  std::vector<JsonPathSegment> path = {
      {"spec", 0, false}, {"containers", 0, false}, {{}, 3, true}, {"image", 0, false}};
  EXPECT_EQ(format_json_path(path), "spec.containers[3].image");
  std::vector<JsonPathSegment> labels = {
      {"metadata", 0, false}, {"labels", 0, false}, {"app.kubernetes.io/name", 0, false}};
  EXPECT_EQ(format_json_path(labels), "metadata.labels[app.kubernetes.io/name]");
  std::vector<JsonPathSegment> root_index = {{{}, 0, true}, {"a", 0, false}};
  EXPECT_EQ(format_json_path(root_index), "[0].a");
  EXPECT_EQ(format_json_path({}), "");
}

struct FormatCase {
  const char* format;
  const char* text;
  bool valid;
};

class StringFormats : public testing::TestWithParam<FormatCase> {};

TEST_P(StringFormats, Check) {
  StringFormat format = parse_string_format(GetParam().format);
  EXPECT_EQ(matches_string_format(format, GetParam().text), GetParam().valid)
      << GetParam().format << " " << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, StringFormats,
    testing::Values(
        FormatCase{"date-time", "2024-02-29T23:59:60.5+01:00", true},
        FormatCase{"date-time", "2023-02-29T00:00:00Z", false},
        FormatCase{"date-time", "2024-01-31 12:00:00Z", false},
        FormatCase{"date", "2024-12-31", true}, FormatCase{"date", "2024-13-01", false},
        FormatCase{"time", "08:30:06.283185Z", true}, FormatCase{"time", "08:30:06", false},
        FormatCase{"ipv4", "192.168.0.1", true}, FormatCase{"ipv4", "256.1.1.1", false},
        FormatCase{"ipv4", "01.1.1.1", false}, FormatCase{"ipv6", "::1", true},
        FormatCase{"ipv6", "fe80::1:2:3:4", true}, FormatCase{"ipv6", "::ffff:10.0.0.1", true},
        FormatCase{"ipv6", "1:2:3:4:5:6:7:8:9", false}, FormatCase{"ipv6", "1::2::3", false},
        FormatCase{"hostname", "api.example.com", true},
        FormatCase{"hostname", "-bad.example.com", false},
        FormatCase{"email", "ops@example.com", true}, FormatCase{"email", "ops", false},
        FormatCase{"uri", "https://example.com/a?b#c", true}, FormatCase{"uri", "/relative", false},
        FormatCase{"uri-reference", "/relative", true}, FormatCase{"json-pointer", "/a~1b", true},
        FormatCase{"json-pointer", "a", false}, FormatCase{"regex", "^a+$", true},
        FormatCase{"regex", "(?=a)", false}, FormatCase{"int32", "anything", true}));

TEST(DocumentJson, ConvertsTypedValuesAndFindsNodesBack) {
  ParsedFile file =
      schema_test::parse_yaml_text("a: {b: [1, 2.5, true, ~, text]}\n80: port\nempty:\n");
  nlohmann::json json = document_to_json(file.documents[0].root());
  EXPECT_EQ(json,
            nlohmann::json::parse(
                R"js({"a": {"b": [1, 2.5, true, null, "text"]}, "80": "port", "empty": null})js"));
  NodeRef found = node_at_json_pointer(file.documents[0].root(), {"a", "b", "4"});
  EXPECT_EQ(found.text(), "text");
  EXPECT_EQ(found.position(), (Position{1, 26}));
  EXPECT_FALSE(node_at_json_pointer(file.documents[0].root(), {"a", "b", "9"}));
  EXPECT_FALSE(node_at_json_pointer(file.documents[0].root(), {"a", "x"}));
  EXPECT_TRUE(document_to_json(NodeRef()).is_null());
}

TEST(GroupVersionKind, FromApiVersion) {
  GroupVersionKind apps = GroupVersionKind::from_api_version("apps/v1", "Deployment");
  EXPECT_EQ(apps.group, "apps");
  EXPECT_EQ(apps.version, "v1");
  EXPECT_EQ(apps.api_version(), "apps/v1");
  GroupVersionKind core = GroupVersionKind::from_api_version("v1", "Service");
  EXPECT_EQ(core.group, "");
  EXPECT_EQ(core.api_version(), "v1");
  KindSchemaSet set;
  auto schema = std::make_shared<const CompiledSchema>(
      CompiledSchema::compile(nlohmann::json::parse(R"js({"type": "object"})js")));
  EXPECT_TRUE(set.add(core, schema));
  EXPECT_FALSE(set.add(core, schema));
  EXPECT_EQ(set.find("v1", "Service"), schema.get());
  EXPECT_EQ(set.find("v2", "Service"), nullptr);
  EXPECT_EQ(set.kinds(), std::vector<GroupVersionKind>{core});
}

}  // namespace
}  // namespace pushgate
