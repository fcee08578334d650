#include "core/base/words.h"

#include <algorithm>

namespace pushgate {
namespace {

char lower_char(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool same_letter(char a, char b) {
  return lower_char(a) == lower_char(b);
}

}  // namespace

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower_char(c);
  return out;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), same_letter);
}

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) {
  return suffix.size() <= text.size() &&
         equals_ignoring_case(text.substr(text.size() - suffix.size()), suffix);
}

std::string plural(std::uint64_t count, std::string_view one, std::string_view many) {
  std::string out = std::to_string(count) + " ";
  if (count == 1) return out.append(one);
  if (!many.empty()) return out.append(many);
  return out.append(one).append("s");
}

}  // namespace pushgate
