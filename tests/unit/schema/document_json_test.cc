// The one conversion from positioned documents to JSON (core/schema/document_json.h), used for
// schemas, the object index and OPA's input alike. Two converters used to disagree on the last
// two cases here (a float JSON cannot spell, a key that is not a scalar); these pin the answer.
#include "core/schema/document_json.h"

#include <gtest/gtest.h>

#include "tests/unit/schema/schema_test_support.h"

namespace pushgate {
namespace {

using nlohmann::json;

TEST(DocumentJson, KeepsTheTypesKubernetesSees) {
  const ParsedFile file = schema_test::parse_yaml_text(
      "a: 1\n"
      "b: 1.5\n"
      "c: true\n"
      "d: ~\n"
      "e: \"1\"\n"
      "f: [x, {g: h}]\n"
      "1: int key\n"
      "anchor: &x {k: v}\n"
      "alias: *x\n");
  EXPECT_EQ(document_to_json(file.documents.at(0).root()),
            json::parse(R"({"a": 1, "b": 1.5, "c": true, "d": null, "e": "1",
                            "f": ["x", {"g": "h"}], "1": "int key",
                            "anchor": {"k": "v"}, "alias": {"k": "v"}})"));
  EXPECT_TRUE(document_to_json(NodeRef()).is_null());
}

TEST(DocumentJson, FloatsJsonCannotSpellAreNull) {
  const ParsedFile file = schema_test::parse_yaml_text("i: .inf\nm: -.inf\nn: .nan\nx: 2.5\n");
  const json j = document_to_json(file.documents.at(0).root());
  EXPECT_EQ(j, json::parse(R"({"i": null, "m": null, "n": null, "x": 2.5})"));
  EXPECT_TRUE(j.at("i").is_null());  // null in memory, not only once dumped
}

TEST(DocumentJson, KeysThatAreNotScalarsAreLeftOut) {
  // Whatever the reader says about such keys, the conversion must not invent a "" key.
  const ParsedFile file =
      parse_yaml("t.yaml", "? {a: b}\n: c\n? [1]\n: d\nkept: e\n", ParseLimits{});
  ASSERT_EQ(file.documents.size(), 1u);
  ASSERT_TRUE(file.documents[0].root().is_mapping());
  EXPECT_EQ(document_to_json(file.documents.at(0).root()), json::parse(R"({"kept": "e"})"));
}

TEST(DocumentJson, DumpOfInvalidUtf8NeverThrows) {
  const json j = {{"input", std::string("caf\xe9")}};
  std::string text;
  EXPECT_NO_THROW(text = dump_json(j));
  EXPECT_NE(text.find("\xef\xbf\xbd"), std::string::npos);  // U+FFFD
}

}  // namespace
}  // namespace pushgate
