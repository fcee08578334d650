#include "validators/k8s/api_syntax.h"

#include <array>
#include <cmath>
#include <utility>

namespace pushgate {
namespace {

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool is_alnum(char c) {
  return is_lower_alnum(c) || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string too_long(std::string_view value, std::size_t max) {
  return "must be at most " + std::to_string(max) + " characters, has " +
         std::to_string(value.size());
}

// The first character of `value` that is not allowed, quoted, for messages.
std::string bad_char(char c) {
  if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) {
    return "a non-ASCII or control character";
  }
  return std::string("`") + c + "`";
}

}  // namespace

bool is_substituted(std::string_view value) {
  if (value.find("${") != std::string_view::npos || value.find("{{") != std::string_view::npos) {
    return true;
  }
  if (value == "_") return true;
  // WORD_WORD…: capitals and digits, starting with a capital, at least one underscore.
  if (value.empty() || !(value.front() >= 'A' && value.front() <= 'Z')) return false;
  bool underscore = false;
  for (char c : value) {
    if (c == '_') {
      underscore = true;
    } else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      return false;
    }
  }
  return underscore && value.back() != '_';
}

std::string dns1123_label_problem(std::string_view value) {
  if (value.empty()) return "must not be empty";
  if (value.size() > 63) return too_long(value, 63);
  for (char c : value) {
    if (!is_lower_alnum(c) && c != '-') {
      return "must consist of lowercase letters, digits and '-', found " + bad_char(c);
    }
  }
  if (value.front() == '-' || value.back() == '-') {
    return "must start and end with a lowercase letter or digit";
  }
  return "";
}

std::string dns1123_subdomain_problem(std::string_view value) {
  if (value.empty()) return "must not be empty";
  if (value.size() > 253) return too_long(value, 253);
  for (char c : value) {
    if (!is_lower_alnum(c) && c != '-' && c != '.') {
      return "must consist of lowercase letters, digits, '-' and '.', found " + bad_char(c);
    }
  }
  std::size_t start = 0;
  while (start <= value.size()) {
    const std::size_t dot = value.find('.', start);
    const std::string_view part =
        value.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part.empty() || part.front() == '-' || part.back() == '-') {
      return "must be dot-separated parts that each start and end with a lowercase letter or "
             "digit";
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return "";
}

std::string dns1035_label_problem(std::string_view value) {
  std::string why = dns1123_label_problem(value);
  if (why.empty() && !(value.front() >= 'a' && value.front() <= 'z')) {
    return "must start with a lowercase letter";
  }
  return why;
}

std::string qualified_name_problem(std::string_view key) {
  std::string_view name = key;
  if (const std::size_t slash = key.find('/'); slash != std::string_view::npos) {
    const std::string_view prefix = key.substr(0, slash);
    name = key.substr(slash + 1);
    if (std::string why = dns1123_subdomain_problem(prefix); !why.empty()) {
      return "prefix `" + std::string(prefix) + "` " + why;
    }
  }
  if (name.empty()) return "must have a name after the prefix";
  if (name.size() > 63) return "name part " + too_long(name, 63);
  for (char c : name) {
    if (!is_alnum(c) && c != '-' && c != '_' && c != '.') {
      return "must consist of letters, digits, '-', '_' and '.' (with an optional DNS prefix "
             "and '/'), found " +
             bad_char(c);
    }
  }
  if (!is_alnum(name.front()) || !is_alnum(name.back())) {
    return "must start and end with a letter or digit";
  }
  return "";
}

std::string label_value_problem(std::string_view value) {
  if (value.empty()) return "";
  if (value.size() > 63) return too_long(value, 63);
  for (char c : value) {
    if (!is_alnum(c) && c != '-' && c != '_' && c != '.') {
      return "must consist of letters, digits, '-', '_' and '.', found " + bad_char(c);
    }
  }
  if (!is_alnum(value.front()) || !is_alnum(value.back())) {
    return "must start and end with a letter or digit";
  }
  return "";
}

std::string iana_service_name_problem(std::string_view value) {
  if (value.empty()) return "must not be empty";
  if (value.size() > 15) return too_long(value, 15);
  bool letter = false;
  for (char c : value) {
    if (!is_lower_alnum(c) && c != '-') {
      return "must consist of lowercase letters, digits and '-', found " + bad_char(c);
    }
    letter = letter || (c >= 'a' && c <= 'z');
  }
  if (value.front() == '-' || value.back() == '-' || value.find("--") != std::string_view::npos) {
    return "must not start or end with '-' or contain '--'";
  }
  if (!letter) return "must contain at least one letter";
  return "";
}

std::optional<long double> parse_quantity(std::string_view text) {
  // <signedNumber><suffix>: suffix is a binary SI (Ki … Ei), a decimal SI (n u m "" k M G T P E)
  // or a decimal exponent (e|E<signed integer>); k8s.io/apimachinery/pkg/api/resource.
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  const std::size_t digits_start = i;
  long double value = 0;
  while (i < text.size() && is_digit(text[i])) value = value * 10 + (text[i++] - '0');
  std::size_t digits = i - digits_start;
  if (i < text.size() && text[i] == '.') {
    ++i;
    long double scale = 0.1L;
    while (i < text.size() && is_digit(text[i])) {
      value += (text[i++] - '0') * scale;
      scale /= 10;
      ++digits;
    }
  }
  if (digits == 0) return std::nullopt;
  const std::string_view suffix = text.substr(i);
  static constexpr std::array<std::pair<std::string_view, long double>, 16> kSuffixes = {{
      {"", 1.0L},
      {"n", 1e-9L},
      {"u", 1e-6L},
      {"m", 1e-3L},
      {"k", 1e3L},
      {"M", 1e6L},
      {"G", 1e9L},
      {"T", 1e12L},
      {"P", 1e15L},
      {"E", 1e18L},
      {"Ki", 1024.0L},
      {"Mi", 1048576.0L},
      {"Gi", 1073741824.0L},
      {"Ti", 1099511627776.0L},
      {"Pi", 1125899906842624.0L},
      {"Ei", 1152921504606846976.0L},
  }};
  for (const auto& [name, factor] : kSuffixes) {
    if (suffix == name) return (negative ? -value : value) * factor;
  }
  if (suffix.front() == 'e' || suffix.front() == 'E') {
    std::size_t j = 1;
    bool negative_exponent = false;
    if (j < suffix.size() && (suffix[j] == '+' || suffix[j] == '-')) {
      negative_exponent = suffix[j++] == '-';
    }
    if (j == suffix.size() || suffix.size() - j > 4) return std::nullopt;
    int exponent = 0;
    for (; j < suffix.size(); ++j) {
      if (!is_digit(suffix[j])) return std::nullopt;
      exponent = exponent * 10 + (suffix[j] - '0');
    }
    return (negative ? -value : value) * std::pow(10.0L, negative_exponent ? -exponent : exponent);
  }
  return std::nullopt;
}

}  // namespace pushgate
