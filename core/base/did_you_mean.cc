#include "core/base/did_you_mean.h"

#include <algorithm>
#include <string>
#include <vector>

namespace pushgate {
namespace {

// Names compare without case and with '-' == '_': "Max-Size" is a near miss for "max_size".
char fold(char c) {
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  return c == '-' ? '_' : c;
}

// Optimal string alignment distance (Levenshtein plus adjacent transpositions), or a value over
// `limit` as soon as it must exceed it. Three rolling rows: this runs once per candidate name, and
// a tree can have thousands of names.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;  // each extra character costs one
  std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    std::size_t row_min = current[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1])) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > limit) return limit + 1;  // every later row is at least this
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

// Longer than any name worth suggesting for; keeps the quadratic table small on hostile input.
constexpr std::size_t kMaxComparedLength = 64;

}  // namespace

std::string_view closest_name(std::string_view typed,
                              std::span<const std::string_view> candidates) {
  if (typed.empty() || typed.size() > kMaxComparedLength) return {};
  std::string_view best;
  std::size_t best_distance = 0;
  for (std::string_view candidate : candidates) {
    if (candidate.size() > kMaxComparedLength) continue;
    const std::size_t allowed = std::max<std::size_t>(1, candidate.size() / 3);
    const std::size_t distance = edit_distance(typed, candidate, allowed);
    if (distance > allowed) continue;
    if (best.empty() || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace pushgate
