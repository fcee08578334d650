#pragma once
// UTF-8 scanning that never fails: text from pushes, paths and configs may hold any bytes.
// A character is a lead byte plus the continuation bytes after it, the rule the document parser
// counts columns by (core/document/text_position.h), so a column and a character agree. The one
// exception keeps ASCII intact: continuation bytes after an ASCII byte (never valid) form a
// malformed character of their own, so that a '/' or a newline is never swallowed.
//
//   for (std::size_t i = 0; i < text.size();) {
//     Utf8Char c = next_utf8_char(text, i);
//     i += c.size;   // c.valid ? c.code : a malformed character
//   }
#include <cstddef>
#include <string>
#include <string_view>

namespace pushgate {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

struct Utf8Char {
  char32_t code = kReplacementCharacter;  // the code point, or U+FFFD when !valid
  std::size_t size = 1;                   // bytes taken, always >= 1
  bool valid = false;                     // a well-formed, shortest-form encoding
};

// The character starting at byte `pos` (< text.size()).
Utf8Char next_utf8_char(std::string_view text, std::size_t pos);

bool is_valid_utf8(std::string_view text);

// `text` with every malformed character replaced by U+FFFD.
std::string to_valid_utf8(std::string_view text);

void append_utf8(std::string& out, char32_t code);

}  // namespace pushgate
