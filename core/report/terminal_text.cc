#include "core/report/terminal_text.h"

#include <array>
#include <cstdio>
#include <utility>

#include "core/base/utf8.h"

namespace pushgate {
namespace {

using Range = std::pair<char32_t, char32_t>;

// Combining marks and zero-width characters (the common blocks; enough for code frames).
constexpr std::array<Range, 9> kZeroWidth = {{
    {0x0300, 0x036F},
    {0x0483, 0x0489},
    {0x0591, 0x05BD},
    {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF},
    {0x200B, 0x200F},
    {0x20D0, 0x20FF},
    {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F},
}};

// East Asian Wide and Fullwidth blocks, and the emoji planes.
constexpr std::array<Range, 15> kDoubleWidth = {{
    {0x1100, 0x115F},
    {0x2E80, 0x303E},
    {0x3041, 0x33FF},
    {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},
    {0xAC00, 0xD7A3},
    {0xF900, 0xFAFF},
    {0xFE30, 0xFE4F},
    {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6},
    {0x1F300, 0x1F64F},
    {0x1F900, 0x1F9FF},
    {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD},
}};

template <std::size_t N>
bool in_ranges(char32_t c, const std::array<Range, N>& ranges) {
  for (const auto& [low, high] : ranges) {
    if (c >= low && c <= high) return true;
  }
  return false;
}

}  // namespace

int display_width(char32_t c) {
  if (in_ranges(c, kZeroWidth)) return 0;
  if (in_ranges(c, kDoubleWidth)) return 2;
  return 1;
}

bool is_unsafe_to_display(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Char c = next_utf8_char(text, i);
    if (!c.valid) {
      append_utf8(out, kReplacementCharacter);
    } else if (c.code == '\n') {
      out += "\\n";
    } else if (c.code == '\t') {
      out += "\\t";
    } else if (c.code == '\r') {
      out += "\\r";
    } else if (is_unsafe_to_display(c.code)) {
      char buf[16];
      if (c.code < 0x80) {
        std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c.code));
      } else {
        std::snprintf(buf, sizeof buf, "\\u{%x}", static_cast<unsigned>(c.code));
      }
      out += buf;
    } else {
      out.append(text.substr(i, c.size));
    }
    i += c.size;
  }
  return out;
}

}  // namespace pushgate
