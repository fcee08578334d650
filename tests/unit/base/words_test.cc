#include "core/base/words.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

TEST(Words, AsciiCaseOnly) {
  EXPECT_EQ(ascii_lower("Deployment-APPS.v1"), "deployment-apps.v1");
  EXPECT_EQ(ascii_lower("ÄÖ"), "ÄÖ");  // UTF-8 bytes are left alone
  EXPECT_TRUE(equals_ignoring_case("Alice@Example.COM", "alice@example.com"));
  EXPECT_FALSE(equals_ignoring_case("alice", "alicia"));
  EXPECT_FALSE(equals_ignoring_case("alice", "alice "));
  EXPECT_FALSE(equals_ignoring_case("[", "{"));  // 0x5b and 0x7b are not letters
  EXPECT_TRUE(ends_with_ignoring_case("ops@Example.org", "@EXAMPLE.org"));
  EXPECT_TRUE(ends_with_ignoring_case("anything", ""));
  EXPECT_FALSE(ends_with_ignoring_case("org", "example.org"));
}

TEST(Words, Plural) {
  EXPECT_EQ(plural(0, "file"), "0 files");
  EXPECT_EQ(plural(1, "file"), "1 file");
  EXPECT_EQ(plural(2, "error"), "2 errors");
  EXPECT_EQ(plural(1, "property", "properties"), "1 property");
  EXPECT_EQ(plural(3, "property", "properties"), "3 properties");
}

}  // namespace
}  // namespace pushgate
