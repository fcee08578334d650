#include "core/config/byte_size.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

TEST(ByteSizeTest, ParsesBytesAndUnits) {
  EXPECT_EQ(parse_byte_size("1048576"), 1048576u);
  EXPECT_EQ(parse_byte_size("100B"), 100u);
  EXPECT_EQ(parse_byte_size("512KiB"), 512u * 1024);
  EXPECT_EQ(parse_byte_size("1MiB"), 1024u * 1024);
  EXPECT_EQ(parse_byte_size("1 MiB"), 1024u * 1024);
  EXPECT_EQ(parse_byte_size("2GiB"), 2ull * 1024 * 1024 * 1024);
  EXPECT_EQ(parse_byte_size("500KB"), 500'000u);
  EXPECT_EQ(parse_byte_size("10MB"), 10'000'000u);
  EXPECT_EQ(parse_byte_size("1GB"), 1'000'000'000u);
  EXPECT_EQ(parse_byte_size("0"), 0u);
}

TEST(ByteSizeTest, RejectsWhatIsNotASize) {
  for (const char* text : {"", "MiB", "1MiX", "1mib", "1.5MiB", "-1", "1  MiB", " 1MiB", "1MiB ",
                           "1KiBB", "0x10", "1e6", "18446744073709551616", "17179869184GiB"}) {
    EXPECT_EQ(parse_byte_size(text), std::nullopt) << text;
  }
}

TEST(ByteSizeTest, FormatsTheShortestExactSpelling) {
  EXPECT_EQ(format_byte_size(1), "1B");
  EXPECT_EQ(format_byte_size(1500), "1500B");
  EXPECT_EQ(format_byte_size(2000), "2KB");
  EXPECT_EQ(format_byte_size(1024 * 1024), "1MiB");
  EXPECT_EQ(format_byte_size(1024ull * 1024 * 1024), "1GiB");
  EXPECT_EQ(format_byte_size(0), "0B");
}

}  // namespace
}  // namespace pushgate
