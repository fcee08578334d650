#pragma once
// Byte offsets to line:col (columns count characters, as libyaml and editors do) and back to the
// text of a line, for parsers that report byte offsets and for code frames.
#include <cstddef>
#include <string_view>

#include "core/finding/finding.h"

namespace pushgate {

// Position of byte `offset` in `text` (1-based line and column). Offsets past the end map to the
// end. Invalid UTF-8 bytes count as one character each.
Position position_at_offset(std::string_view text, std::size_t offset);

// The text of 1-based `line` without its line break ("" if there is no such line).
std::string_view line_text(std::string_view text, std::uint32_t line);

// The byte offset of 1-based `column` within `line` (a line_text result).
std::size_t column_offset(std::string_view line, std::uint32_t column);

}  // namespace pushgate
