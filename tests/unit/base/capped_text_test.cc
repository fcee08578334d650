#include "core/base/capped_text.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

TEST(CappedText, ShortValuesStayWhole) {
  EXPECT_EQ(cap_value("three"), "three");
  EXPECT_EQ(cap_value(std::string(200, '7')), std::string(200, '7'));
}

TEST(CappedText, LongValuesAreCutWithAnEllipsisAndTheirLength) {
  const std::string digits(100000, '9');
  const std::string capped = cap_value(digits);
  EXPECT_EQ(capped, std::string(199, '9') + "\xE2\x80\xA6 (100000 characters)");
  // Characters, not bytes: a multi-byte character is never split.
  const std::string accents = [] {
    std::string s;
    for (int i = 0; i < 300; ++i) s += "\xC3\xA9";  // é
    return s;
  }();
  const std::string cut = cap_value(accents, 10);
  EXPECT_EQ(cut.substr(0, 18), accents.substr(0, 18));
  EXPECT_EQ(cut.substr(18), "\xE2\x80\xA6 (300 characters)");
}

TEST(CappedText, MessagesCapEveryLongRunOnce) {
  const std::string message = "replicas must be integer, got " + std::string(100000, '1') + " here";
  const std::string capped = cap_long_runs(message);
  EXPECT_LT(capped.size(), 300u);
  EXPECT_TRUE(capped.starts_with("replicas must be integer, got 111")) << capped;
  EXPECT_TRUE(capped.ends_with("\xE2\x80\xA6 (100000 characters) here")) << capped;
  // Already capped: unchanged.
  EXPECT_EQ(cap_long_runs(capped), capped);
  EXPECT_EQ(cap_long_runs("a  b\tc\n"), "a  b\tc\n");
}

TEST(CappedText, BytesAreCutOnACharacterBoundary) {
  EXPECT_EQ(cap_bytes("reason", 1024), "reason");
  const std::string reason(60000, 'x');
  const std::string capped = cap_bytes(reason, 1024);
  EXPECT_EQ(capped.size(), 1024u);
  EXPECT_TRUE(capped.ends_with("\xE2\x80\xA6"));
  std::string euros;
  for (int i = 0; i < 500; ++i) euros += "\xE2\x82\xAC";  // €, 3 bytes
  const std::string cut = cap_bytes(euros, 1024);
  EXPECT_LE(cut.size(), 1024u);
  EXPECT_EQ((cut.size() - 3) % 3, 0u);  // whole euros, then the ellipsis
}

}  // namespace
}  // namespace pushgate
