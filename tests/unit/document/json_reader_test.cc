#include <gtest/gtest.h>

#include "core/document/document.h"

namespace pushgate {
namespace {

TEST(JsonReader, PositionsForEveryNode) {
  const ParsedFile f = parse_json("a.json",
                                  "{\n  \"kind\": \"Pod\",\n  \"spec\": {\"replicas\": 1.10,"
                                  " \"l\": [true, null]}\n}\n",
                                  ParseLimits{});
  ASSERT_TRUE(f.complete);
  ASSERT_EQ(f.documents.size(), 1u);
  const NodeRef root = f.documents[0].root();
  EXPECT_EQ(root.position(), (Position{1, 1}));
  EXPECT_EQ(root.get("kind").position(), (Position{2, 11}));
  EXPECT_EQ(root.key(0).position(), (Position{2, 3}));
  const NodeRef replicas = root.get("spec").get("replicas");
  EXPECT_EQ(replicas.position(), (Position{3, 24}));
  EXPECT_EQ(replicas.kind(), NodeKind::kFloat);
  EXPECT_EQ(replicas.text(), "1.10");
  EXPECT_EQ(root.get("spec").get("l").item(1).position(), (Position{3, 42}));
  EXPECT_EQ(root.get("spec").get("l").item(1).kind(), NodeKind::kNull);
}

TEST(JsonReader, EscapedStringsKeepTheCursorInStep) {
  const ParsedFile f =
      parse_json("a.json", "{\"a\\\"b\": \"x\\\\\", \"é\": \"\\u00e9\", \"n\": 2}", ParseLimits{});
  ASSERT_TRUE(f.complete);
  const NodeRef root = f.documents[0].root();
  EXPECT_EQ(root.get("a\"b").text(), "x\\");
  EXPECT_EQ(root.get("é").text(), "é");
  EXPECT_EQ(root.get("n").position(), (Position{1, 37}));
}

TEST(JsonReader, SyntaxErrorHasPosition) {
  const ParsedFile f = parse_json("a.json", "{\n  \"a\": 1,\n}\n", ParseLimits{});
  ASSERT_EQ(f.findings.size(), 1u);
  EXPECT_EQ(f.findings[0].rule, "json/syntax");
  EXPECT_EQ(f.findings[0].position, (Position{3, 1}));
  EXPECT_FALSE(f.complete);
}

TEST(JsonReader, CommentsAreNotJson) {
  const ParsedFile f = parse_json("settings.json", "{\n  // editor\n  \"a\": 1\n}", ParseLimits{});
  ASSERT_EQ(f.findings.size(), 1u);
  EXPECT_EQ(f.findings[0].rule, "json/syntax");
  EXPECT_EQ(f.findings[0].position.line, 2u);
}

TEST(JsonReader, DuplicateKeysAreReported) {
  const ParsedFile f = parse_json("a.json", "{\"a\": 1, \"a\": 2}", ParseLimits{});
  ASSERT_EQ(f.findings.size(), 1u);
  EXPECT_EQ(f.findings[0].rule, "json/duplicate-key");
  EXPECT_EQ(f.findings[0].position, (Position{1, 10}));
}

TEST(JsonReader, InvalidUtf8IsRejected) {
  const ParsedFile f = parse_json("a.json", "{\"a\": \"\xff\"}", ParseLimits{});
  ASSERT_EQ(f.findings.size(), 1u);
  EXPECT_EQ(f.findings[0].rule, "json/syntax");
}

TEST(JsonReader, DepthLimitIsIterative) {
  ParseLimits limits;
  limits.max_depth = 100;
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  const ParsedFile f = parse_json("a.json", deep, limits);
  ASSERT_EQ(f.findings.size(), 1u);
  EXPECT_EQ(f.findings[0].rule, "json/depth-limit");
  EXPECT_EQ(f.findings[0].position, (Position{1, 101}));
}

TEST(JsonReader, ByteOrderMarkIsAWarningAndPositionsStayRight) {
  const ParsedFile f = parse_json("a.json", "\xEF\xBB\xBF{\"a\": 1}", ParseLimits{});
  ASSERT_TRUE(f.complete);
  ASSERT_EQ(f.findings.size(), 1u);
  EXPECT_EQ(f.findings[0].rule, "json/byte-order-mark");
  EXPECT_EQ(f.findings[0].severity, Severity::kWarning);
  EXPECT_EQ(f.documents[0].root().get("a").position(), (Position{1, 7}));
}

TEST(JsonReader, EmptyFileIsASyntaxError) {
  const ParsedFile f = parse_json("a.json", "", ParseLimits{});
  ASSERT_EQ(f.findings.size(), 1u);
  EXPECT_EQ(f.findings[0].rule, "json/syntax");
}

}  // namespace
}  // namespace pushgate
