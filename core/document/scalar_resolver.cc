#include "core/document/scalar_resolver.h"

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

namespace pushgate {
namespace {

constexpr std::string_view kTagPrefix = "tag:yaml.org,2002:";

struct Literal {
  std::string_view text;
  NodeKind kind;
  bool b;
  double f;
};

// go-yaml v2 resolve.go's resolveMapList.
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::array<Literal, 39> kLiterals = {{
    {"y", NodeKind::kBool, true, 0},      {"Y", NodeKind::kBool, true, 0},
    {"yes", NodeKind::kBool, true, 0},    {"Yes", NodeKind::kBool, true, 0},
    {"YES", NodeKind::kBool, true, 0},    {"true", NodeKind::kBool, true, 0},
    {"True", NodeKind::kBool, true, 0},   {"TRUE", NodeKind::kBool, true, 0},
    {"on", NodeKind::kBool, true, 0},     {"On", NodeKind::kBool, true, 0},
    {"ON", NodeKind::kBool, true, 0},     {"n", NodeKind::kBool, false, 0},
    {"N", NodeKind::kBool, false, 0},     {"no", NodeKind::kBool, false, 0},
    {"No", NodeKind::kBool, false, 0},    {"NO", NodeKind::kBool, false, 0},
    {"false", NodeKind::kBool, false, 0}, {"False", NodeKind::kBool, false, 0},
    {"FALSE", NodeKind::kBool, false, 0}, {"off", NodeKind::kBool, false, 0},
    {"Off", NodeKind::kBool, false, 0},   {"OFF", NodeKind::kBool, false, 0},
    {"", NodeKind::kNull, false, 0},      {"~", NodeKind::kNull, false, 0},
    {"null", NodeKind::kNull, false, 0},  {"Null", NodeKind::kNull, false, 0},
    {"NULL", NodeKind::kNull, false, 0},  {".nan", NodeKind::kFloat, false, NAN},
    {".NaN", NodeKind::kFloat, false, NAN}, {".NAN", NodeKind::kFloat, false, NAN},
    {".inf", NodeKind::kFloat, false, kInf}, {".Inf", NodeKind::kFloat, false, kInf},
    {".INF", NodeKind::kFloat, false, kInf}, {"+.inf", NodeKind::kFloat, false, kInf},
    {"+.Inf", NodeKind::kFloat, false, kInf}, {"+.INF", NodeKind::kFloat, false, kInf},
    {"-.inf", NodeKind::kFloat, false, -kInf}, {"-.Inf", NodeKind::kFloat, false, -kInf},
    {"-.INF", NodeKind::kFloat, false, -kInf},
}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Go's strconv.ParseInt(s, 0, 64) after go-yaml removed every '_': optional sign, then
// 0x / 0o / 0b prefixes, a leading 0 meaning octal, else decimal.
bool parse_go_int(std::string_view s, std::int64_t& out) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return false;
  int base = 10;
  if (s.size() > 1 && s[0] == '0') {
    const char p = s[1];
    if (p == 'x' || p == 'X') {
      base = 16;
      s.remove_prefix(2);
    } else if (p == 'o' || p == 'O') {
      base = 8;
      s.remove_prefix(2);
    } else if (p == 'b' || p == 'B') {
      base = 2;
      s.remove_prefix(2);
    } else {
      base = 8;
      s.remove_prefix(1);
    }
    if (s.empty()) return false;
  }
  std::uint64_t magnitude = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude, base);
  if (ec != std::errc() || end != s.data() + s.size()) return false;
  if (negative) {
    if (magnitude > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1) {
      return false;
    }
    out = static_cast<std::int64_t>(0 - magnitude);
  } else {
    if (magnitude > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return false;
    }
    out = static_cast<std::int64_t>(magnitude);
  }
  return true;
}

// go-yaml's yamlStyleFloat: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool is_yaml_style_float(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t digits = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == digits) return false;
  } else {
    const std::size_t digits = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == digits) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && is_digit(s[i])) ++i;
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t digits = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == digits) return false;
  }
  return i == s.size();
}

bool parse_double(std::string_view s, double& out) {
  const std::string copy(s);  // strtod needs a terminator; scalars are short
  errno = 0;
  char* end = nullptr;
  out = std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size() && !copy.empty() && errno != ERANGE;
}

std::string without_underscores(std::string_view s) {
  std::string plain;
  plain.reserve(s.size());
  for (char c : s) {
    if (c != '_') plain.push_back(c);
  }
  return plain;
}

}  // namespace

ResolvedScalar resolve_plain_scalar(std::string_view text) {
  ResolvedScalar r;
  if (text == "<<") {
    r.merge_key = true;
    return r;
  }
  const char first = text.empty() ? '\0' : text[0];
  const bool maybe_literal = text.empty() || first == 'y' || first == 'Y' || first == 'n' ||
                             first == 'N' || first == 't' || first == 'T' || first == 'f' ||
                             first == 'F' || first == 'o' || first == 'O' || first == '~' ||
                             first == '.' || first == '+' || first == '-';
  if (maybe_literal && text.size() <= 6) {
    for (const Literal& lit : kLiterals) {
      if (lit.text == text) {
        r.kind = lit.kind;
        r.b = lit.b;
        r.f = lit.f;
        return r;
      }
    }
  }
  if (first == '.') {
    // go-yaml: strconv.ParseFloat on the raw text (".5", ".5e3").
    if (is_yaml_style_float(text) && parse_double(text, r.f)) r.kind = NodeKind::kFloat;
    return r;
  }
  if (!(is_digit(first) || first == '+' || first == '-')) return r;
  const std::string plain = without_underscores(text);
  if (parse_go_int(plain, r.i)) {
    r.kind = NodeKind::kInt;
    return r;
  }
  if (is_yaml_style_float(plain) && parse_double(plain, r.f)) {
    r.kind = NodeKind::kFloat;
    return r;
  }
  return r;  // a string: "1.2.3", "2024-01-01", "-", "+x", ...
}

bool resolve_tagged_scalar(std::string_view tag, std::string_view text, ResolvedScalar& out) {
  out = ResolvedScalar{};
  if (tag.substr(0, kTagPrefix.size()) != kTagPrefix) return true;  // custom tag: a string
  const std::string_view type = tag.substr(kTagPrefix.size());
  if (type == "str" || type == "binary" || type == "timestamp") return true;
  if (type == "merge") {
    out.merge_key = true;
    return true;
  }
  const ResolvedScalar plain = resolve_plain_scalar(text);
  if (type == "int") {
    out = plain;
    return plain.kind == NodeKind::kInt;
  }
  if (type == "float") {
    out = plain;
    if (plain.kind == NodeKind::kInt) {
      out.kind = NodeKind::kFloat;
      out.f = static_cast<double>(plain.i);
    }
    return out.kind == NodeKind::kFloat;
  }
  if (type == "bool") {
    out = plain;
    return plain.kind == NodeKind::kBool;
  }
  if (type == "null") {
    out = plain;
    return plain.kind == NodeKind::kNull;
  }
  return true;  // !!map / !!seq on a scalar, unknown core types: keep the string
}

}  // namespace pushgate
