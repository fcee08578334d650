#include "core/git/alternates.h"

#include <gtest/gtest.h>

#include "core/git/object_id.h"

namespace pushgate::git {
namespace {

struct AlternatesCase {
  const char* name;
  const char* env_value;
  std::vector<std::string> dirs;
};

class SplitAlternates : public ::testing::TestWithParam<AlternatesCase> {};

TEST_P(SplitAlternates, AsGitWritesThem) {
  EXPECT_EQ(split_alternates(GetParam().env_value), GetParam().dirs);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SplitAlternates,
    ::testing::Values(
        AlternatesCase{"empty", "", {}},
        AlternatesCase{"one", "/srv/git/app.git/objects", {"/srv/git/app.git/objects"}},
        AlternatesCase{"two", "/a/objects:/b/objects", {"/a/objects", "/b/objects"}},
        AlternatesCase{"empty_parts", "::/a::", {"/a"}},
        AlternatesCase{"quoted_colon", "\"/srv/a:b/objects\":/c", {"/srv/a:b/objects", "/c"}},
        AlternatesCase{"escapes", "\"/x\\\"y\\\\z\\101\"", {"/x\"y\\zA"}},
        AlternatesCase{"unterminated_quote", "\"/open", {"/open"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ObjectId, RecognisesFullAndZeroIds) {
  EXPECT_TRUE(is_object_id("0123456789abcdef0123456789ABCDEF01234567"));
  EXPECT_FALSE(is_object_id("0123456789abcdef"));
  EXPECT_FALSE(is_object_id("0123456789abcdef0123456789abcdef0123456g"));
  EXPECT_TRUE(is_zero_object_id(std::string(40, '0')));
  EXPECT_FALSE(is_zero_object_id(std::string(39, '0')));
  EXPECT_FALSE(is_zero_object_id("0000000000000000000000000000000000000001"));
}

}  // namespace
}  // namespace pushgate::git
