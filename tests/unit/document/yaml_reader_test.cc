#include <gtest/gtest.h>

#include <string>

#include "core/document/document.h"

namespace pushgate {
namespace {

ParsedFile parse(std::string_view text, ParseLimits limits = {}) {
  return parse_yaml("f.yaml", text, limits);
}

const Finding* only_finding(const ParsedFile& f, std::string_view rule) {
  for (const Finding& x : f.findings) {
    if (x.rule == rule) return &x;
  }
  return nullptr;
}

TEST(YamlReader, PositionsAreOneBasedAndFileGlobal) {
  const ParsedFile f = parse("a: 1\n---\nkind: Pod\nspec:\n  replicas: three\n");
  ASSERT_TRUE(f.complete);
  ASSERT_EQ(f.documents.size(), 2u);
  EXPECT_EQ(f.documents[1].index(), 1);
  const NodeRef replicas = f.documents[1].root().get("spec").get("replicas");
  ASSERT_TRUE(replicas);
  EXPECT_EQ(replicas.position(), (Position{5, 13}));
  EXPECT_EQ(replicas.end(), (Position{5, 18}));
  EXPECT_EQ(replicas.kind(), NodeKind::kString);
  EXPECT_EQ(replicas.text(), "three");
}

TEST(YamlReader, ColumnsCountCharactersNotBytes) {
  const ParsedFile f = parse("é: ü\nkey: [1, ab]\n");
  ASSERT_TRUE(f.complete);
  EXPECT_EQ(f.documents[0].root().get("é").position(), (Position{1, 4}));
  EXPECT_EQ(f.documents[0].root().get("key").item(1).position(), (Position{2, 10}));
}

TEST(YamlReader, TypesScalarsTheWayKubernetesDoes) {
  const ParsedFile f = parse(
      "a: yes\nb: on\nc: 1.10\nd: 0777\ne: 1_000\nf: ~\ng: '1'\nh: =\ni: 2024-01-02\nj: .5\n"
      "k: 0x1F\nl: .inf\nm: \"true\"\nn: 1e3\no: 08\np: -x\nq: !!str 12\nr: n\n");
  ASSERT_TRUE(f.complete) << f.findings.size();
  const NodeRef r = f.documents[0].root();
  EXPECT_EQ(r.get("a").kind(), NodeKind::kBool);
  EXPECT_TRUE(r.get("a").as_bool());
  EXPECT_EQ(r.get("b").kind(), NodeKind::kBool);
  EXPECT_EQ(r.get("c").kind(), NodeKind::kFloat);
  EXPECT_EQ(r.get("c").text(), "1.10");  // the source text survives for "quote it" messages
  EXPECT_EQ(r.get("c").style(), ScalarStyle::kPlain);
  EXPECT_EQ(r.get("d").kind(), NodeKind::kInt);
  EXPECT_EQ(r.get("d").as_int(), 0777);
  EXPECT_EQ(r.get("e").as_int(), 1000);
  EXPECT_EQ(r.get("f").kind(), NodeKind::kNull);
  EXPECT_EQ(r.get("g").kind(), NodeKind::kString);
  EXPECT_EQ(r.get("h").kind(), NodeKind::kString);
  EXPECT_EQ(r.get("i").kind(), NodeKind::kString);
  EXPECT_EQ(r.get("j").kind(), NodeKind::kFloat);
  EXPECT_EQ(r.get("k").as_int(), 31);
  EXPECT_EQ(r.get("l").kind(), NodeKind::kFloat);
  EXPECT_EQ(r.get("m").kind(), NodeKind::kString);
  EXPECT_EQ(r.get("n").kind(), NodeKind::kFloat);
  EXPECT_EQ(r.get("o").kind(), NodeKind::kFloat);  // invalid octal, go-yaml falls back to float
  EXPECT_EQ(r.get("p").kind(), NodeKind::kString);
  EXPECT_EQ(r.get("q").kind(), NodeKind::kString);
  EXPECT_TRUE(r.get("q").tagged());
  EXPECT_EQ(r.get("r").kind(), NodeKind::kBool);
}

TEST(YamlReader, DuplicateKeyNamesFirstOccurrence) {
  const ParsedFile f = parse("metadata:\n  name: a\n  labels: {}\n  name: b\n");
  const Finding* d = only_finding(f, "yaml/duplicate-key");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->position, (Position{4, 3}));
  EXPECT_EQ(d->span, 4u);
  EXPECT_NE(d->message.find("first at line 2, column 3"), std::string::npos) << d->message;
}

// A key written as an alias of an anchored key: reported where the alias is written, not at
// the anchor (which used to give "1:1 ... first at line 1, column 1").
TEST(YamlReader, DuplicateKeyThroughAnAliasIsReportedAtTheAlias) {
  const ParsedFile f = parse("&r x: 1\ny: 2\n*r : 3\n");
  const Finding* d = only_finding(f, "yaml/duplicate-key");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->position, (Position{3, 1}));
  EXPECT_NE(d->message.find("first at line 1, column 1) through an alias"), std::string::npos)
      << d->message;
  // The alias first, the plain key second: the plain key is the duplicate, the alias the first.
  const ParsedFile g = parse("a: &k name\n*k : 1\nname: 2\n");
  const Finding* e = only_finding(g, "yaml/duplicate-key");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->position, (Position{3, 1}));
  EXPECT_NE(e->message.find("first at line 2, column 1"), std::string::npos) << e->message;
}

TEST(YamlReader, ARepeatedMergeKeyIsADuplicate) {
  const ParsedFile f = parse("a: &a {x: 1}\nb: &b {y: 1}\nc:\n  <<: *a\n  <<: *b\n");
  const Finding* d = only_finding(f, "yaml/duplicate-key");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->position, (Position{5, 3}));
  EXPECT_NE(d->message.find("first at line 4, column 3"), std::string::npos) << d->message;
  EXPECT_NE(d->message.find("`<<: [*a, *b]`"), std::string::npos) << d->message;
}

TEST(YamlReader, DuplicateKeysInLargeMappingsUseTheHashPath) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "k" + std::to_string(i) + ": 1\n";
  text += "k7: 2\n";
  const ParsedFile f = parse(text);
  const Finding* d = only_finding(f, "yaml/duplicate-key");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->position.line, 41u);
}

TEST(YamlReader, MergeKeysAndRedefinedAnchorsAsGoAccepts) {
  const ParsedFile f = parse(
      "base: &b {a: 1, b: 2}\n"
      "x:\n  <<: *b\n  b: 3\n"
      "base2: &b {a: 9}\n"
      "y:\n  <<: [*b, {c: 4}]\n");
  ASSERT_TRUE(f.complete);
  EXPECT_TRUE(f.findings.empty()) << f.findings[0].message;
  const NodeRef x = f.documents[0].root().get("x");
  EXPECT_EQ(x.size(), 2u);
  EXPECT_EQ(x.get("a").as_int(), 1);
  EXPECT_EQ(x.get("b").as_int(), 3);  // explicit keys win over merged ones
  const NodeRef y = f.documents[0].root().get("y");
  EXPECT_EQ(y.get("a").as_int(), 9);  // the alias after the redefinition sees the new anchor
  EXPECT_EQ(y.get("c").as_int(), 4);
}

TEST(YamlReader, MergeKeyNeedsMappings) {
  const ParsedFile f = parse("a: &s scalar\nb:\n  <<: *s\n");
  const Finding* m = only_finding(f, "yaml/merge-key");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->position, (Position{1, 4}));
}

TEST(YamlReader, TrailingTabAndPlainEqualsAreAccepted) {
  const ParsedFile f = parse("apiVersion: v1\t\nkind: Service\nmatchType: =\n");
  EXPECT_TRUE(f.complete);
  EXPECT_TRUE(f.findings.empty());
}

TEST(YamlReader, TabIndentationIsExplained) {
  const ParsedFile f = parse("a:\n\tb: 1\n");
  ASSERT_EQ(f.findings.size(), 1u);
  EXPECT_EQ(f.findings[0].rule, "yaml/syntax");
  EXPECT_EQ(f.findings[0].position, (Position{2, 1}));
  EXPECT_NE(f.findings[0].message.find("tab character used for indentation"), std::string::npos);
  EXPECT_FALSE(f.complete);
}

TEST(YamlReader, SyntaxErrorHasGlobalLineAndHint) {
  const ParsedFile f = parse("a: 1\n---\nb: c: d\n");
  ASSERT_EQ(f.findings.size(), 1u);
  EXPECT_EQ(f.findings[0].rule, "yaml/syntax");
  EXPECT_EQ(f.findings[0].position, (Position{3, 5}));
  EXPECT_NE(f.findings[0].message.find("quote the value"), std::string::npos);
  EXPECT_EQ(f.documents.size(), 1u);  // the document before the error is kept
}

TEST(YamlReader, InvalidUtf8IsAnEncodingErrorWithPosition) {
  const ParsedFile f = parse("a: ok\nb: \xc3\xa9\xff\n");
  ASSERT_EQ(f.findings.size(), 1u);
  EXPECT_EQ(f.findings[0].rule, "yaml/encoding");
  EXPECT_EQ(f.findings[0].position, (Position{2, 5}));
  EXPECT_NE(f.findings[0].message.find("0xff"), std::string::npos);
}

TEST(YamlReader, IncompleteUtf8SequenceNamesTheByteInTheFile) {
  const ParsedFile f = parse("a: caf\xe9\n");  // Latin-1 é: a lead byte with no continuation
  ASSERT_EQ(f.findings.size(), 1u);
  EXPECT_EQ(f.findings[0].rule, "yaml/encoding");
  EXPECT_EQ(f.findings[0].position, (Position{1, 7}));
  EXPECT_NE(f.findings[0].message.find("(byte 0xe9)"), std::string::npos) << f.findings[0].message;
}

TEST(YamlReader, ControlCharacterIsAnEncodingError) {
  const ParsedFile f = parse("a: b\x07\n");
  ASSERT_EQ(f.findings.size(), 1u);
  EXPECT_EQ(f.findings[0].rule, "yaml/encoding");
  EXPECT_EQ(f.findings[0].position, (Position{1, 5}));
  EXPECT_NE(f.findings[0].message.find("control character 0x07"), std::string::npos);
}

TEST(YamlReader, BomAndCrlfAreAccepted) {
  const ParsedFile f = parse("\xEF\xBB\xBFkind: Pod\r\nspec:\r\n  x: 1\r\n");
  ASSERT_TRUE(f.complete);
  EXPECT_EQ(f.documents[0].root().get("spec").get("x").position(), (Position{3, 6}));
}

// Found by fuzz/field_path_fuzz.cc (input: fuzz/regressions/field_path_fuzz/empty-manifest): an
// empty view without storage (std::string_view{}, data() == nullptr, what an unread file's
// content is) tripped libyaml's assert(input) and aborted the process. It is an empty file.
TEST(YamlReader, EmptyViewWithoutStorageIsAnEmptyFile) {
  const ParsedFile f = parse(std::string_view{});
  EXPECT_TRUE(f.complete);
  EXPECT_TRUE(f.documents.empty());
  EXPECT_TRUE(f.findings.empty());
  const ParsedFile json = parse_json("f.json", std::string_view{}, ParseLimits{});
  const ParsedFile json_empty = parse_json("f.json", "", ParseLimits{});
  EXPECT_EQ(json.complete, json_empty.complete);
  EXPECT_EQ(json.documents.size(), json_empty.documents.size());
  ASSERT_EQ(json.findings.size(), json_empty.findings.size());
  for (std::size_t i = 0; i < json.findings.size(); ++i) {
    EXPECT_EQ(json.findings[i].rule, json_empty.findings[i].rule);
  }
}

TEST(YamlReader, EmptyDocumentsAreSkipped) {
  const ParsedFile f = parse("---\n---\na: 1\n---\n# only a comment\n");
  ASSERT_TRUE(f.complete);
  ASSERT_EQ(f.documents.size(), 1u);
  EXPECT_EQ(f.documents[0].index(), 1);
}

TEST(YamlReader, DepthLimitStopsBeforeLibyamlGoesQuadratic) {
  ParseLimits limits;
  limits.max_depth = 50;
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const ParsedFile f = parse(deep, limits);
  const Finding* d = only_finding(f, "yaml/depth-limit");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->position, (Position{1, 51}));
  EXPECT_FALSE(f.complete);
}

TEST(YamlReader, AliasBombIsBounded) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = c;
  }
  const ParsedFile f = parse(bomb);
  const Finding* d = only_finding(f, "yaml/alias-budget");
  ASSERT_NE(d, nullptr);
  EXPECT_FALSE(f.complete);
}

TEST(YamlReader, UnknownAndSelfReferencingAnchors) {
  const ParsedFile unknown = parse("a: *nope\n");
  ASSERT_NE(only_finding(unknown, "yaml/unknown-anchor"), nullptr);
  EXPECT_EQ(only_finding(unknown, "yaml/unknown-anchor")->position, (Position{1, 4}));
  const ParsedFile self = parse("a: &x [1, *x]\n");
  ASSERT_NE(only_finding(self, "yaml/unknown-anchor"), nullptr);
}

TEST(YamlReader, TooLargeIsReportedNotParsed) {
  ParseLimits limits;
  limits.max_bytes = 10;
  const ParsedFile f = parse("a: 12345678901234567890\n", limits);
  ASSERT_NE(only_finding(f, "yaml/too-large"), nullptr);
  EXPECT_TRUE(f.documents.empty());
}

TEST(YamlReader, BadTaggedValue) {
  const ParsedFile f = parse("a: !!int abc\n");
  ASSERT_NE(only_finding(f, "yaml/tag"), nullptr);
}

}  // namespace
}  // namespace pushgate
