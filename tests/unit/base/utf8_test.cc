#include "core/base/utf8.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

TEST(Utf8Test, DecodesWellFormedCharacters) {
  const std::string text = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80";  // a é 中 😀
  std::size_t i = 0;
  const char32_t expected[] = {U'a', U'\u00E9', U'\u4E2D', U'\U0001F600'};
  for (char32_t code : expected) {
    const Utf8Char c = next_utf8_char(text, i);
    EXPECT_TRUE(c.valid);
    EXPECT_EQ(c.code, code);
    i += c.size;
  }
  EXPECT_EQ(i, text.size());
  EXPECT_TRUE(is_valid_utf8(text));
}

TEST(Utf8Test, MalformedCharactersTakeTheirContinuationBytes) {
  // Overlong '/', a truncated 3-byte sequence, a stray continuation byte after ASCII (which
  // stays ASCII), a surrogate.
  const std::string text = "\xC0\xAF|\xE4\xB8|\x80|\xED\xA0\x80";
  std::size_t i = 0;
  int malformed = 0;
  while (i < text.size()) {
    const Utf8Char c = next_utf8_char(text, i);
    if (!c.valid) {
      ++malformed;
      EXPECT_EQ(c.code, kReplacementCharacter);
    }
    EXPECT_GE(c.size, 1u);
    i += c.size;
  }
  EXPECT_EQ(malformed, 4);
  EXPECT_FALSE(is_valid_utf8(text));
  EXPECT_EQ(to_valid_utf8(text), "\uFFFD|\uFFFD|\uFFFD|\uFFFD");
}

TEST(Utf8Test, EncodesCodePoints) {
  std::string out;
  append_utf8(out, U'\u00E9');
  append_utf8(out, U'\U0001F600');
  append_utf8(out, 0xD800);  // not a character: replaced
  EXPECT_EQ(out, "\xC3\xA9\xF0\x9F\x98\x80\uFFFD");
}

}  // namespace
}  // namespace pushgate
