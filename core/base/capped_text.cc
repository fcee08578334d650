#include "core/base/capped_text.h"

#include "core/base/utf8.h"

namespace pushgate {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

}  // namespace

std::string cap_value(std::string_view text, std::size_t max) {
  // The kept characters and the ellipsis are `max` characters together, so that capping a
  // message that holds a capped value again (cap_long_runs) leaves it as it is.
  const std::size_t keep = max > 0 ? max - 1 : 0;
  std::size_t characters = 0;
  std::size_t cut = text.size();
  for (std::size_t i = 0; i < text.size();) {
    if (characters == keep) cut = i;
    i += next_utf8_char(text, i).size;
    ++characters;
  }
  if (characters <= max) return std::string(text);
  return std::string(text.substr(0, cut)) + std::string(kEllipsis) + " (" +
         std::to_string(characters) + " characters)";
}

std::string cap_long_runs(std::string_view message, std::size_t max) {
  std::string out;
  out.reserve(message.size() < 4096 ? message.size() : 4096);
  std::size_t i = 0;
  while (i < message.size()) {
    std::size_t end = i;
    while (end < message.size() && !is_blank(message[end])) ++end;
    if (end > i) {
      out += end - i > max ? cap_value(message.substr(i, end - i), max)
                           : std::string(message.substr(i, end - i));
    }
    while (end < message.size() && is_blank(message[end])) out += message[end++];
    i = end;
  }
  return out;
}

std::string cap_bytes(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  const std::size_t room = max_bytes > kEllipsis.size() ? max_bytes - kEllipsis.size() : 0;
  std::size_t cut = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t size = next_utf8_char(text, i).size;
    if (i + size > room) break;
    i += size;
    cut = i;
  }
  return std::string(text.substr(0, cut)) + std::string(kEllipsis);
}

}  // namespace pushgate
