#include "core/document/jsonc.h"

#include <gtest/gtest.h>

#include "core/document/document.h"

namespace pushgate {
namespace {

TEST(Jsonc, PathsToolsReadAsJsonc) {
  for (const char* path : {".vscode/settings.json", "a/.devcontainer/devcontainer.json",
                           "tsconfig.json", "web/tsconfig.build.json", "renovate.json",
                           "x.jsonc", ".renovaterc.json", "renovate.json5"}) {
    EXPECT_TRUE(is_jsonc_path(path)) << path;
  }
  for (const char* path : {"manifest.json", "vscode/settings.json", "charts/values.schema.json"}) {
    EXPECT_FALSE(is_jsonc_path(path)) << path;
  }
}

// Issue 13, class 9: comments and trailing commas are blanked, strings kept, positions unchanged.
TEST(Jsonc, CommentsAndTrailingCommasAreBlankedInPlace) {
  const std::string text =
      "{\n  // editor\n  \"a\": \"http://x\", /* b */\n  \"c\": [1, 2,],\n  \"s\": \"//,]\",\n}\n";
  const std::string stripped = strip_jsonc(text);
  EXPECT_EQ(stripped.size(), text.size());
  EXPECT_EQ(stripped,
            "{\n           \n  \"a\": \"http://x\",        \n  \"c\": [1, 2 ],\n  \"s\": \"//,]\" \n}\n");
  const ParsedFile file = parse_json("x.jsonc", stripped, ParseLimits{});
  EXPECT_TRUE(file.findings.empty());
  ASSERT_EQ(file.documents.size(), 1u);
  EXPECT_EQ(file.documents[0].root().get("c").position(), (Position{4, 8}));
  // A real syntax error stays one, at its place.
  const ParsedFile broken = parse_json("x.jsonc", strip_jsonc("{\n  // c\n  \"a\": ,\n}\n"),
                                       ParseLimits{});
  ASSERT_FALSE(broken.findings.empty());
  EXPECT_EQ(broken.findings[0].rule, "json/syntax");
}

}  // namespace
}  // namespace pushgate
