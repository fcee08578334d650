#pragma once
// Helpers shared by the fuzz targets (header-only: fuzz/CMakeLists.txt builds every *_fuzz.cc on
// its own). A fuzz target must never fail on what the code under test reports as an error: only
// a crash, a sanitizer report, a leak or a timeout is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace pushgate::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The input cut at every '\n' (the last piece may be empty).
inline std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back(text.substr(start));
      return lines;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

// The text before the first '\n' and the text after it ("" when there is none).
inline std::pair<std::string_view, std::string_view> split_first_line(std::string_view text) {
  const std::size_t end = text.find('\n');
  if (end == std::string_view::npos) return {text, {}};
  return {text.substr(0, end), text.substr(end + 1)};
}

}  // namespace pushgate::fuzz
