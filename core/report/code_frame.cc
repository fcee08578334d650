#include "core/report/code_frame.h"

#include <algorithm>
#include <vector>

#include "core/base/utf8.h"
#include "core/report/terminal_text.h"

namespace pushgate {
namespace {

constexpr std::string_view kEllipsis = "...";
constexpr std::size_t kGutterWidth = 5;  // "   12": line numbers up to 99999 keep the frame aligned

// One source character as shown: its text, and where it sits in display columns.
struct Cell {
  std::string text;
  int start = 0;
  int width = 0;
};

std::vector<Cell> layout(std::string_view line) {
  std::vector<Cell> cells;
  int column = 0;
  for (std::size_t i = 0; i < line.size();) {
    const Utf8Char c = next_utf8_char(line, i);
    Cell cell;
    cell.start = column;
    if (c.valid && c.code == '\t') {
      cell.width = kTabWidth - column % kTabWidth;
      cell.text.assign(static_cast<std::size_t>(cell.width), ' ');
    } else if (!c.valid || is_unsafe_to_display(c.code)) {
      cell.width = 1;
      append_utf8(cell.text, kReplacementCharacter);
    } else {
      cell.width = display_width(c.code);
      cell.text = std::string(line.substr(i, c.size));
    }
    column += cell.width;
    cells.push_back(std::move(cell));
    i += c.size;
  }
  return cells;
}

// "   12 |": the number right-aligned in `width` columns (blank on the caret line).
std::string gutter(std::string_view number, std::size_t width) {
  std::string out(width - std::min(width, number.size()), ' ');
  out += number;
  return out + " |";
}

}  // namespace

std::string code_frame(std::string_view source_line, Position position, std::uint32_t span,
                       std::string_view caret_prefix, std::string_view caret_suffix) {
  const std::vector<Cell> cells = layout(source_line);
  const int total = cells.empty() ? 0 : cells.back().start + cells.back().width;

  // Where the carets go, in display columns; a column past the end points just after the text.
  const std::size_t first = position.column > 0 ? position.column - 1 : 0;
  int caret_start = total + static_cast<int>(first > cells.size() ? first - cells.size() : 0);
  int caret_end = caret_start + 1;
  if (first < cells.size()) {
    caret_start = cells[first].start;
    const std::size_t last = std::min(cells.size(), first + std::max<std::uint32_t>(span, 1));
    caret_end = std::max(caret_start + 1, cells[last - 1].start + cells[last - 1].width);
  }

  // The window of display columns shown: all of it, or kMaxSourceWidth around the caret.
  int begin = 0;
  int end = total;
  if (total > kMaxSourceWidth) {
    begin = std::max(0, caret_start - kMaxSourceWidth / 3);
    end = begin + kMaxSourceWidth;
    if (end > total) {
      end = total;
      begin = total - kMaxSourceWidth;
    }
  }
  std::string text;
  int shown_begin = -1;
  int shown_end = begin;
  for (const Cell& cell : cells) {
    if (cell.start < begin || cell.start + cell.width > end) continue;
    if (shown_begin < 0) shown_begin = cell.start;
    shown_end = cell.start + cell.width;
    text += cell.text;
  }
  if (shown_begin < 0) shown_begin = begin;
  const bool cut_left = shown_begin > 0;
  const bool cut_right = shown_end < total;
  if (cut_left) text.insert(0, kEllipsis);
  if (cut_right) text += kEllipsis;

  const std::string number = std::to_string(position.line);
  const std::size_t width = std::max(kGutterWidth, number.size());
  std::string out = gutter(number, width);
  if (!text.empty()) out += " " + text;
  out += '\n';
  if (position.column == 0) return out;

  const int offset =
      caret_start - shown_begin + (cut_left ? static_cast<int>(kEllipsis.size()) : 0);
  int carets = caret_end - caret_start;
  if (cut_right && caret_start < shown_end) carets = std::min(carets, shown_end - caret_start);
  out += gutter("", width) + " " + std::string(static_cast<std::size_t>(std::max(0, offset)), ' ');
  out += caret_prefix;
  out += std::string(static_cast<std::size_t>(std::max(1, carets)), '^');
  out += caret_suffix;
  out += '\n';
  return out;
}

}  // namespace pushgate
