#include "core/config/byte_size.h"

#include <array>
#include <limits>
#include <utility>

namespace pushgate {
namespace {

constexpr std::uint64_t kKiB = 1024;
constexpr std::uint64_t kKB = 1000;

// Largest first, so that format_byte_size picks the shortest spelling.
constexpr std::array<std::pair<std::string_view, std::uint64_t>, 7> kUnits = {{
    {"GiB", kKiB* kKiB* kKiB},
    {"GB", kKB* kKB* kKB},
    {"MiB", kKiB* kKiB},
    {"MB", kKB* kKB},
    {"KiB", kKiB},
    {"KB", kKB},
    {"B", 1},
}};

}  // namespace

std::optional<std::uint64_t> parse_byte_size(std::string_view text) {
  std::size_t digits = 0;
  std::uint64_t number = 0;
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
    const std::uint64_t d = static_cast<std::uint64_t>(text[digits] - '0');
    if (number > (kMax - d) / 10) return std::nullopt;
    number = number * 10 + d;
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  std::string_view unit = text.substr(digits);
  if (unit.starts_with(' ')) unit.remove_prefix(1);
  if (unit.empty()) {
    return text.size() == digits ? std::optional<std::uint64_t>(number) : std::nullopt;
  }
  for (const auto& [name, factor] : kUnits) {
    if (unit != name) continue;
    if (number > kMax / factor) return std::nullopt;
    return number * factor;
  }
  return std::nullopt;
}

std::string format_byte_size(std::uint64_t bytes) {
  for (const auto& [name, factor] : kUnits) {
    if (factor > 1 && bytes != 0 && bytes % factor == 0) {
      return std::to_string(bytes / factor) + std::string(name);
    }
  }
  return std::to_string(bytes) + "B";
}

}  // namespace pushgate
