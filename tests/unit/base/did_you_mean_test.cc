#include "core/base/did_you_mean.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

constexpr std::string_view kKeys[] = {"version", "files", "validate", "validate_refs",
                                      "on_internal_error"};

TEST(ClosestNameTest, SuggestsNearMisses) {
  EXPECT_EQ(closest_name("fiels", kKeys), "files");  // swapped neighbours
  EXPECT_EQ(closest_name("file", kKeys), "files");   // one missing
  EXPECT_EQ(closest_name("verison", kKeys), "version");
  EXPECT_EQ(closest_name("validate-refs", kKeys), "validate_refs");  // '-' for '_' is free
  EXPECT_EQ(closest_name("Version", kKeys), "version");              // case is free
  EXPECT_EQ(closest_name("validate_ref", kKeys), "validate_refs");
  EXPECT_EQ(closest_name("on_internal_eror", kKeys), "on_internal_error");
}

TEST(ClosestNameTest, PrefersTheNearest) {
  EXPECT_EQ(closest_name("validat", kKeys), "validate");
}

TEST(ClosestNameTest, StaysQuietForUnrelatedNames) {
  EXPECT_EQ(closest_name("replicas", kKeys), "");
  EXPECT_EQ(closest_name("x", kKeys), "");
  EXPECT_EQ(closest_name("", kKeys), "");
  EXPECT_EQ(closest_name(std::string(1000, 'v'), kKeys), "");
  EXPECT_EQ(closest_name("abc", {}), "");
}

}  // namespace
}  // namespace pushgate
