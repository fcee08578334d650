#include "core/document/text_position.h"

namespace pushgate {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

Position position_at_offset(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  Position p{1, 1};
  for (std::size_t i = 0; i < offset; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++p.line;
      p.column = 1;
    } else if (c == '\r') {
      // CR LF is one break (counted at LF); a lone CR is a break of its own (YAML 1.1).
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      ++p.line;
      p.column = 1;
    } else if (!is_continuation(c)) {
      ++p.column;
    }
  }
  return p;
}

std::string_view line_text(std::string_view text, std::uint32_t line) {
  if (line == 0) return {};
  std::size_t start = 0;
  for (std::uint32_t l = 1; l < line; ++l) {
    const std::size_t nl = text.find_first_of("\r\n", start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
    if (text[nl] == '\r' && start < text.size() && text[start] == '\n') ++start;
  }
  if (start > text.size()) return {};
  std::size_t end = text.find_first_of("\r\n", start);
  if (end == std::string_view::npos) end = text.size();
  return text.substr(start, end - start);
}

std::size_t column_offset(std::string_view line, std::uint32_t column) {
  std::size_t i = 0;
  for (std::uint32_t c = 1; c < column && i < line.size(); ++c) {
    ++i;
    while (i < line.size() && is_continuation(static_cast<unsigned char>(line[i]))) ++i;
  }
  return i;
}

}  // namespace pushgate
