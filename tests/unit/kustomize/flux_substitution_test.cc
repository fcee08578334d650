#include "core/kustomize/flux_substitution.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

struct Case {
  const char* name;
  const char* text;
  const char* expected;
};

TEST(FluxSubstitution, FollowsFluxEnvsubstForms) {
  const std::map<std::string, std::string> vars = {{"APP", "web"}, {"EMPTY", ""}, {"N", "3"}};
  const Case cases[] = {
      {"known", "name: ${APP}\n", "name: web\n"},
      {"unknown stays", "name: ${OTHER}\n", "name: ${OTHER}\n"},
      {":= default when unset", "n: ${OTHER:=2}\n", "n: 2\n"},
      {":- default when empty", "n: ${EMPTY:-2}\n", "n: 2\n"},
      {":= value when set", "n: ${N:=2}\n", "n: 3\n"},
      {"= keeps a set empty value (empty stays as written)", "n: ${EMPTY=2}\n", "n: ${EMPTY=2}\n"},
      {"- default when unset", "n: ${OTHER-2}\n", "n: 2\n"},
      {":+ when set", "n: ${APP:+yes}\n", "n: yes\n"},
      {":+ unknown stays", "n: ${OTHER:+yes}\n", "n: ${OTHER:+yes}\n"},
      {"escaped stays", "a: $${APP}\n", "a: $${APP}\n"},
      {"other operators stay", "a: ${APP:1}\n", "a: ${APP:1}\n"},
      {"nested default stays", "a: ${OTHER:=${APP}}\n", "a: ${OTHER:=${APP}}\n"},
      {"empty default stays", "a: ${OTHER:=}\n", "a: ${OTHER:=}\n"},
      {"several on a line", "host: ${APP}.${OTHER:=example.com}\n", "host: web.example.com\n"},
      {"not a name", "a: ${1X}\n", "a: ${1X}\n"},
      {"unclosed", "a: ${APP\nb: }\n", "a: ${APP\nb: }\n"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(flux_substitute(c.text, vars).text, c.expected) << c.name;
  }
}

TEST(FluxSubstitution, PositionsMapBackToTheTextAsWritten) {
  // "host: ${APP}.${DOMAIN:=example.com} x"
  const Substituted s =
      flux_substitute("a: 1\nhost: ${APP}.${DOMAIN:=example.com} x\n", {{"APP", "web-server"}});
  EXPECT_EQ(s.text, "a: 1\nhost: web-server.example.com x\n");
  ASSERT_EQ(s.edits.size(), 2u);
  EXPECT_EQ(s.original(Position{2, 7}), (Position{2, 7}));    // the first value: its placeholder
  EXPECT_EQ(s.original(Position{2, 12}), (Position{2, 7}));   // inside it
  EXPECT_EQ(s.original(Position{2, 17}), (Position{2, 13}));  // the '.' between them
  EXPECT_EQ(s.original(Position{2, 18}), (Position{2, 14}));  // the second placeholder
  EXPECT_EQ(s.original(Position{2, 30}), (Position{2, 37}));  // 'x' after both
  EXPECT_EQ(s.original(Position{1, 4}), (Position{1, 4}));    // another line
  // Columns count characters, not bytes.
  const Substituted u = flux_substitute("é: ${A} x\n", {{"A", "ü"}});
  EXPECT_EQ(u.original(Position{1, 6}), (Position{1, 9}));
}

}  // namespace
}  // namespace pushgate
