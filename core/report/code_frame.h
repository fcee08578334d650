#pragma once
// The source line of a finding with carets under its column (core/report only):
//
//      12 |   replicas: three
//         |             ^^^^^
//
// Columns count characters (finding.h); the frame places the caret by display columns, so tabs
// (expanded to stops of kTabWidth), wide characters and combining marks line up. A line wider
// than kMaxSourceWidth is cut to a window around the column, with "..." where text was left out.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/finding/finding.h"

namespace pushgate {

inline constexpr int kTabWidth = 4;
// Source columns shown: with git's "remote: " and the gutter, a frame fits 100 columns.
inline constexpr int kMaxSourceWidth = 72;

// The frame's lines, each ending in '\n'; only the source line (no carets) when the column is 0.
// `caret_prefix`/`caret_suffix` wrap the carets (ANSI colour, or "").
std::string code_frame(std::string_view source_line, Position position, std::uint32_t span,
                       std::string_view caret_prefix = "", std::string_view caret_suffix = "");

}  // namespace pushgate
