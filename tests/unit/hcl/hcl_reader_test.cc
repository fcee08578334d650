// The HCL reader: structure and positions, every expression form, errors with positions, limits.
#include <gtest/gtest.h>

#include <string>

#include "core/hcl/hcl.h"
#include "tests/support/hcl_structure.h"

namespace pushgate {
namespace {

HclFile parse(std::string_view text, HclLimits limits = {}) {
  return parse_hcl("t.hcl", text, limits);
}

std::string structure(std::string_view text) {
  return testing::hcl_structure(parse(text));
}

std::string error_of(std::string_view text) {
  HclFile f = parse(text);
  if (f.complete || f.findings.empty()) return "(no error)";
  const Finding& e = f.findings.front();
  return std::to_string(e.position.line) + ":" + std::to_string(e.position.column) + " " +
         e.message;
}

TEST(HclReader, BodiesAttributesBlocksAndLabels) {
  EXPECT_EQ(structure("a = 1\n"
                      "resource \"aws_s3_bucket\" \"b\" {\n"
                      "  bucket = \"x\"\n"
                      "  lifecycle {\n"
                      "    prevent_destroy = true\n"
                      "  }\n"
                      "}\n"
                      "locals { x = 1 }\n"
                      "empty {}\n"
                      "ident_label foo \"bar\" {\n}\n"),
            "A 0 1:1 a\n"
            "B 0 2:1 resource \"aws_s3_bucket\" \"b\"\n"
            "A 1 3:3 bucket\n"
            "B 1 4:3 lifecycle\n"
            "A 2 5:5 prevent_destroy\n"
            "B 0 8:1 locals\n"
            "A 1 8:10 x\n"
            "B 0 9:1 empty\n"
            "B 0 10:1 ident_label \"foo\" \"bar\"\n");
}

TEST(HclReader, EveryExpressionForm) {
  const char* text = R"hcl(
n = [1, 2.5, 1e3, -4, true, false, null]
o = { a = 1, "b" = 2, (c) = 3
  d: 4
}
t = "a ${var.x} b %{ if x }y%{ else }z%{ endif } $${lit} %%{lit} \u00e9\n"
f = "%{ for k, v in m ~}${k}=${v}%{ endfor }"
c = merge(local.a, { b = 1 }, x...)
fe = [for s in var.list : upper(s) if s != ""]
fo = { for k, v in var.map : k => v... if v != null }
sp = aws_instance.web[*].id
sp2 = var.list.*.name
idx = var.a[0]["k"].b.0
cond = a ? b : c ? d : e
ops = !a && (b || c) == (1 + 2 * 3 % 4 - 5 / 6 >= 7) != (x < y) && x <= y && x > y
h = <<EOT
hello ${name}
EOT
hi = <<-EOT
    indented
      more
    EOT
# hash comment
// slash comment
/* block
   comment */ last = 1 /* inline */ # trailing
)hcl";
  HclFile f = parse(text);
  ASSERT_TRUE(f.complete) << error_of(text);
  ASSERT_EQ(f.body.attributes.size(), 15u);
  EXPECT_EQ(f.body.attributes[14].name, "last");
  EXPECT_EQ(f.body.attributes[14].start, (Position{26, 15}));
  const HclExpr& t = f.expr(f.body.attribute("t")->value);
  EXPECT_EQ(t.kind, HclExprKind::kTemplate);
  EXPECT_FALSE(f.static_string(f.body.attribute("t")->value));
  const HclExpr& c = f.expr(f.body.attribute("c")->value);
  EXPECT_EQ(c.kind, HclExprKind::kCall);
  EXPECT_EQ(c.text, "merge");
  EXPECT_TRUE(c.expand);
  EXPECT_EQ(c.children.size(), 3u);
  EXPECT_EQ(f.expr(f.body.attribute("fe")->value).kind, HclExprKind::kForTuple);
  EXPECT_EQ(f.expr(f.body.attribute("fo")->value).kind, HclExprKind::kForObject);
  EXPECT_EQ(f.expr(f.body.attribute("sp")->value).kind, HclExprKind::kGetAttr);
  EXPECT_EQ(f.expr(f.body.attribute("cond")->value).kind, HclExprKind::kConditional);
  EXPECT_EQ(f.expr(f.body.attribute("ops")->value).kind, HclExprKind::kBinary);
  EXPECT_EQ(f.static_string(f.body.attribute("h")->value), std::nullopt);
  EXPECT_EQ(f.static_string(f.body.attribute("hi")->value), "indented\n  more\n");
  // Escapes decoded, $${ and %%{ kept literally.
  const HclExpr& lit = f.expr(t.children.back());
  EXPECT_EQ(lit.kind, HclExprKind::kLiteral);
  EXPECT_EQ(lit.text, " ${lit} %{lit} \xC3\xA9\n");
}

TEST(HclReader, StaticStringsAndPositions) {
  HclFile f = parse("x = \"a\\\"b\"\ny = \"\"\n");
  ASSERT_TRUE(f.complete);
  EXPECT_EQ(f.static_string(f.body.attributes[0].value), "a\"b");
  EXPECT_EQ(f.static_string(f.body.attributes[1].value), "");
  EXPECT_EQ(f.expr(f.body.attributes[0].value).start, (Position{1, 5}));
  EXPECT_EQ(f.expr(f.body.attributes[0].value).end, (Position{1, 11}));
  // Columns count characters, not bytes.
  HclFile u = parse("é = 1\nb = \"ü\" \n");
  ASSERT_TRUE(u.complete);
  EXPECT_EQ(u.body.attributes[1].start, (Position{2, 1}));
  EXPECT_EQ(u.expr(u.body.attributes[1].value).end, (Position{2, 8}));
}

TEST(HclReader, CrLfLineEnds) {
  EXPECT_EQ(structure("a = 1\r\nb {\r\n  c = <<EOT\r\nx\r\nEOT\r\n}\r\n"),
            "A 0 1:1 a\nB 0 2:1 b\nA 1 3:3 c\n");
}

TEST(HclReader, SyntaxErrorsSayWhereAndWhatWasExpected) {
  struct Case {
    const char* name;
    const char* text;
    const char* error;
  } cases[] = {
      {"missing value", "a =\n", "1:4 expected an expression, found a newline"},
      {"two on a line", "a = 1 b = 2\n",
       "1:7 expected a newline after the value of \"a\", found \"b\"; put each argument on its "
       "own line"},
      {"unclosed block", "b {\n  a = 1\n",
       "3:1 unclosed block: expected \"}\" to close the block opened at line 1, found end of "
       "file"},
      {"stray brace", "}\n", "1:1 expected an argument name or a block type, found \"}\""},
      {"single-line two args", "b { a = 1, c = 2 }\n",
       "1:10 expected \"}\" to close the single-line block, found \",\"; a single-line block "
       "holds one argument only"},
      {"single-line nested", "b { c {} }\n",
       "1:7 a single-line block holds at most one argument (name = value); put a nested block "
       "or more arguments on their own lines"},
      {"unterminated string", "a = \"x\n",
       "1:5 unterminated string: a quoted string cannot span lines; close it on this line or use "
       "a heredoc (<<EOT)"},
      {"unterminated heredoc", "a = <<EOT\nx\n",
       "1:5 unterminated heredoc: no line holding only \"EOT\" closes it"},
      {"bad escape", "a = \"\\q\"\n",
       "1:6 invalid escape sequence in a string; use \\n, \\r, \\t, \\\", \\\\, \\uNNNN or "
       "\\UNNNNNNNN (a literal backslash is \\\\)"},
      {"interpolated label", "b \"${x}\" {\n}\n",
       "1:3 a block label must be a literal string, without ${ } or %{ }"},
      {"object separator", "a = { b = 1 c = 2 }\n",
       "1:13 expected a newline, \",\" or \"}\" after the object element, found \"c\""},
      {"unclosed if", "a = \"%{ if x }y\"\n", "1:6 %{ if } is not closed by %{ endif }"},
      {"stray endif", "a = \"x%{ endif }\"\n",
       "1:5 a template directive %{ else/endif/endfor } has no matching %{ if } or %{ for }"},
      {"block after brace", "b {\n}\nc {\n} d {\n}\n",
       "4:3 expected a newline after the closing \"}\" of block \"c\", found \"d\""},
      {"operator at line end", "a = 1 +\n2\n", "1:8 expected an expression, found a newline"},
      {"comment unterminated", "a = 1 /* x\n",
       "1:7 unterminated comment: \"/*\" is never closed; "
       "add \"*/\""},
      {"bom",
       "\xEF\xBB\xBF"
       "a = 1\n",
       "1:1 a UTF-8 byte order mark is not allowed in HCL; save the file as UTF-8 without BOM"},
      {"invalid utf8", "a = \"\xC3\x28\"\n",
       "1:6 invalid UTF-8 byte sequence; save the file as "
       "UTF-8"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(error_of(c.text), c.error) << c.name;
  }
  HclFile f = parse("a =\n");
  ASSERT_EQ(f.findings.size(), 1u);
  EXPECT_EQ(f.findings[0].rule, "hcl/syntax");
  EXPECT_EQ(f.findings[0].path, "t.hcl");
}

TEST(HclReader, NewlinesInsideBracketsAndCallsAreIgnored) {
  EXPECT_EQ(error_of("a = [\n  1,\n  2\n]\nb = f(\n 1,\n 2\n)\nc = (1 +\n 2)\n"), "(no error)");
}

TEST(HclReader, HostileNestingIsBoundedNotACrash) {
  for (const std::string open : {"[", "(", "{a=", "!", "-", "a ? b : "}) {
    std::string text = "x = ";
    for (int i = 0; i < 100000; ++i) text += open;
    HclFile f = parse(text);
    ASSERT_FALSE(f.complete) << open;
    EXPECT_EQ(f.findings.size(), 1u);
  }
  std::string blocks;
  for (int i = 0; i < 100000; ++i) blocks += "b {\n";
  EXPECT_NE(error_of(blocks).find("nesting deeper than 128 levels"), std::string::npos);
  std::string templ = "x = ";
  for (int i = 0; i < 1000; ++i) templ += "\"${";
  EXPECT_NE(error_of(templ).find("templates nested deeper than 16 levels"), std::string::npos);
  // Within the limits the same shapes read.
  EXPECT_EQ(error_of("x = [[[[[[[[[[1]]]]]]]]]]\n"), "(no error)");
}

TEST(HclReader, OversizedFilesAreReportedNotRead) {
  HclLimits limits;
  limits.max_bytes = 10;
  HclFile f = parse("a = \"0123456789\"\n", limits);
  EXPECT_FALSE(f.complete);
  ASSERT_EQ(f.findings.size(), 1u);
  EXPECT_EQ(f.findings[0].rule, "hcl/too-large");
}

TEST(HclReader, HclPaths) {
  EXPECT_TRUE(is_hcl_path("live/terragrunt.hcl"));
  EXPECT_TRUE(is_hcl_path("main.tf"));
  EXPECT_TRUE(is_hcl_path("prod.tfvars"));
  EXPECT_FALSE(is_hcl_path("main.tf.json"));
  EXPECT_FALSE(is_hcl_path("a.yaml"));
}

}  // namespace
}  // namespace pushgate
