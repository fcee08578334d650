#include "core/base/utf8.h"

namespace pushgate {
namespace {

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

}  // namespace

Utf8Char next_utf8_char(std::string_view text, std::size_t pos) {
  Utf8Char c;
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) {
    c.code = lead;
    c.valid = true;
    return c;
  }
  std::size_t end = pos + 1;
  while (end < text.size() && is_continuation(static_cast<unsigned char>(text[end]))) ++end;
  c.size = end - pos;

  std::size_t expected = 0;
  char32_t code = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    expected = 2;
    code = lead & 0x1F;
    minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    expected = 3;
    code = lead & 0x0F;
    minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    expected = 4;
    code = lead & 0x07;
    minimum = 0x10000;
  } else {
    return c;  // a stray continuation byte or an impossible lead byte
  }
  if (c.size != expected) return c;
  for (std::size_t i = pos + 1; i < end; ++i) {
    code = (code << 6) | (static_cast<unsigned char>(text[i]) & 0x3F);
  }
  if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return c;
  c.code = code;
  c.valid = true;
  return c;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Char c = next_utf8_char(text, i);
    if (!c.valid) return false;
    i += c.size;
  }
  return true;
}

std::string to_valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Char c = next_utf8_char(text, i);
    if (c.valid) {
      out.append(text.substr(i, c.size));
    } else {
      append_utf8(out, kReplacementCharacter);
    }
    i += c.size;
  }
  return out;
}

void append_utf8(std::string& out, char32_t code) {
  if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) code = kReplacementCharacter;
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

}  // namespace pushgate
