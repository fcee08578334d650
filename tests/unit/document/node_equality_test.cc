#include "core/document/node_equality.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

bool same(const std::string& a, const std::string& b) {
  const ParsedFile left = parse_yaml("a.yaml", a, ParseLimits{});
  const ParsedFile right = parse_yaml("b.yaml", b, ParseLimits{});
  return same_value(left.documents.at(0).root(), right.documents.at(0).root());
}

TEST(NodeEquality, ComparesValuesNotSpelling) {
  EXPECT_TRUE(same("{a: 1, b: [x, 'y']}", "b:\n- x\n- \"y\"\na: 1.0\n"));
  EXPECT_TRUE(same("v: |\n  text\n", "v: \"text\\n\"\n"));
  EXPECT_TRUE(same("v: null", "v: ~"));
  EXPECT_FALSE(same("v: 2", "v: \"2\""));
  EXPECT_FALSE(same("v: [a, b]", "v: [b, a]"));
  EXPECT_FALSE(same("{a: 1}", "{a: 1, b: 2}"));
  EXPECT_FALSE(same("{a: 1, c: 2}", "{a: 1, b: 2}"));
  EXPECT_FALSE(same("v: true", "v: false"));
  EXPECT_TRUE(same_value(NodeRef{}, NodeRef{}));
  const ParsedFile one = parse_yaml("a.yaml", "v: 1", ParseLimits{});
  EXPECT_FALSE(same_value(one.documents[0].root(), NodeRef{}));
}

}  // namespace
}  // namespace pushgate
