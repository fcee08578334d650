#include "core/schema/string_format.h"

#include <array>
#include <string>

#include <re2/re2.h>

#include "core/schema/ecma_pattern.h"

namespace pushgate {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Reads exactly `count` digits at `pos`.
bool read_number(std::string_view text, std::size_t& pos, std::size_t count, int& value) {
  if (pos + count > text.size()) return false;
  value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    char c = text[pos + i];
    if (!is_digit(c)) return false;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

bool is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool parse_full_date(std::string_view text, std::size_t& pos) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (!read_number(text, pos, 4, year) || !expect(text, pos, '-') ||
      !read_number(text, pos, 2, month) || !expect(text, pos, '-') ||
      !read_number(text, pos, 2, day)) {
    return false;
  }
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  int limit = kDays[static_cast<std::size_t>(month - 1)];
  if (month == 2 && is_leap_year(year)) limit = 29;
  return day <= limit;
}

bool parse_full_time(std::string_view text, std::size_t& pos) {
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!read_number(text, pos, 2, hour) || !expect(text, pos, ':') ||
      !read_number(text, pos, 2, minute) || !expect(text, pos, ':') ||
      !read_number(text, pos, 2, second)) {
    return false;
  }
  if (hour > 23 || minute > 59 || second > 60) return false;  // 60: a leap second
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::size_t digits = 0;
    while (pos < text.size() && is_digit(text[pos])) ++pos, ++digits;
    if (digits == 0) return false;
  }
  if (pos >= text.size()) return false;
  char zone = text[pos];
  if (zone == 'Z' || zone == 'z') {
    ++pos;
    return true;
  }
  if (zone != '+' && zone != '-') return false;
  ++pos;
  int offset_hour = 0;
  int offset_minute = 0;
  return read_number(text, pos, 2, offset_hour) && expect(text, pos, ':') &&
         read_number(text, pos, 2, offset_minute) && offset_hour <= 23 && offset_minute <= 59;
}

bool is_date_time(std::string_view text) {
  std::size_t pos = 0;
  if (!parse_full_date(text, pos)) return false;
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't')) return false;
  ++pos;
  return parse_full_time(text, pos) && pos == text.size();
}

bool is_date(std::string_view text) {
  std::size_t pos = 0;
  return parse_full_date(text, pos) && pos == text.size();
}

bool is_time(std::string_view text) {
  std::size_t pos = 0;
  return parse_full_time(text, pos) && pos == text.size();
}

bool is_ipv4(std::string_view text) {
  int parts = 0;
  std::size_t pos = 0;
  while (true) {
    std::size_t start = pos;
    int value = 0;
    while (pos < text.size() && is_digit(text[pos]) && pos - start < 3) {
      value = value * 10 + (text[pos] - '0');
      ++pos;
    }
    std::size_t digits = pos - start;
    if (digits == 0 || value > 255 || (digits > 1 && text[start] == '0')) return false;
    ++parts;
    if (pos == text.size()) return parts == 4;
    if (text[pos] != '.' || parts == 4) return false;
    ++pos;
  }
}

bool is_ipv6(std::string_view text) {
  if (text.empty()) return false;
  int groups = 0;
  bool compressed = false;
  std::size_t pos = 0;
  if (text.substr(0, 2) == "::") {
    compressed = true;
    pos = 2;
    if (pos == text.size()) return true;
  } else if (text[0] == ':') {
    return false;
  }
  while (pos < text.size()) {
    std::size_t start = pos;
    while (pos < text.size() && is_hex(text[pos])) ++pos;
    std::size_t digits = pos - start;
    if (pos < text.size() && text[pos] == '.') {
      // An IPv4 tail takes the place of the last two groups.
      if (!is_ipv4(text.substr(start))) return false;
      groups += 2;
      pos = text.size();
      break;
    }
    if (digits == 0 || digits > 4) return false;
    ++groups;
    if (pos == text.size()) break;
    if (text[pos] != ':') return false;
    ++pos;
    if (pos < text.size() && text[pos] == ':') {
      if (compressed) return false;
      compressed = true;
      ++pos;
      if (pos == text.size()) break;
    } else if (pos == text.size()) {
      return false;  // a trailing single ':'
    }
  }
  return compressed ? groups <= 7 : groups == 8;
}

bool is_hostname(std::string_view text) {
  if (text.empty() || text.size() > 253) return false;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t dot = text.find('.', start);
    std::string_view label =
        text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      if (!is_alpha(c) && !is_digit(c) && c != '-') return false;
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return true;
}

bool is_email(std::string_view text) {
  std::size_t at = text.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == text.size()) return false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return false;
  }
  return true;
}

// RFC 3986 unreserved / reserved characters, or a percent escape.
bool is_uri_text(std::string_view text) {
  constexpr std::string_view kAllowed = "-._~:/?#[]@!$&'()*+,;=";
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (is_alpha(c) || is_digit(c) || kAllowed.find(c) != std::string_view::npos) continue;
    if (c == '%' && i + 2 < text.size() && is_hex(text[i + 1]) && is_hex(text[i + 2])) {
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

bool is_uri(std::string_view text) {
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || !is_alpha(text[0])) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    char c = text[i];
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return is_uri_text(text.substr(colon + 1));
}

bool is_uri_reference(std::string_view text) {
  return is_uri_text(text);
}

bool is_json_pointer(std::string_view text) {
  if (text.empty()) return true;
  if (text.front() != '/') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '~' && (i + 1 >= text.size() || (text[i + 1] != '0' && text[i + 1] != '1'))) {
      return false;
    }
  }
  return true;
}

bool is_relative_json_pointer(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && is_digit(text[digits])) ++digits;
  if (digits == 0 || (digits > 1 && text[0] == '0')) return false;
  std::string_view rest = text.substr(digits);
  return rest == "#" || is_json_pointer(rest);
}

bool is_uri_template(std::string_view text) {
  bool open = false;
  for (char c : text) {
    if (c == '{') {
      if (open) return false;
      open = true;
    } else if (c == '}') {
      if (!open) return false;
      open = false;
    }
  }
  return !open;
}

bool is_regex(std::string_view text) {
  Result<std::string> syntax = ecma_regex_to_re2(text, EcmaEscapes::kUnicode);
  if (!syntax) return false;
  RE2::Options options;
  options.set_log_errors(false);
  return RE2(syntax.value(), options).ok();
}

}  // namespace

StringFormat parse_string_format(std::string_view name) {
  if (name == "date-time") return StringFormat::kDateTime;
  if (name == "date") return StringFormat::kDate;
  if (name == "time") return StringFormat::kTime;
  if (name == "email") return StringFormat::kEmail;
  if (name == "ipv4") return StringFormat::kIpv4;
  if (name == "ipv6") return StringFormat::kIpv6;
  if (name == "hostname") return StringFormat::kHostname;
  if (name == "uri") return StringFormat::kUri;
  if (name == "uri-reference") return StringFormat::kUriReference;
  if (name == "json-pointer") return StringFormat::kJsonPointer;
  if (name == "relative-json-pointer") return StringFormat::kRelativeJsonPointer;
  if (name == "uri-template") return StringFormat::kUriTemplate;
  if (name == "regex") return StringFormat::kRegex;
  if (name == "int-or-string") return StringFormat::kIntOrString;
  return StringFormat::kNone;
}

bool matches_string_format(StringFormat format, std::string_view text) {
  switch (format) {
    case StringFormat::kNone:
    case StringFormat::kIntOrString:
      return true;
    case StringFormat::kDateTime:
      return is_date_time(text);
    case StringFormat::kDate:
      return is_date(text);
    case StringFormat::kTime:
      return is_time(text);
    case StringFormat::kEmail:
      return is_email(text);
    case StringFormat::kIpv4:
      return is_ipv4(text);
    case StringFormat::kIpv6:
      return is_ipv6(text);
    case StringFormat::kHostname:
      return is_hostname(text);
    case StringFormat::kUri:
      return is_uri(text);
    case StringFormat::kUriReference:
      return is_uri_reference(text);
    case StringFormat::kJsonPointer:
      return is_json_pointer(text);
    case StringFormat::kRelativeJsonPointer:
      return is_relative_json_pointer(text);
    case StringFormat::kUriTemplate:
      return is_uri_template(text);
    case StringFormat::kRegex:
      return is_regex(text);
  }
  return true;
}

std::string_view describe_string_format(StringFormat format) {
  switch (format) {
    case StringFormat::kDateTime:
      return "an RFC 3339 date-time such as 2024-01-31T12:00:00Z";
    case StringFormat::kDate:
      return "an RFC 3339 date such as 2024-01-31";
    case StringFormat::kTime:
      return "an RFC 3339 time such as 12:00:00Z";
    case StringFormat::kEmail:
      return "an e-mail address such as ops@example.com";
    case StringFormat::kIpv4:
      return "an IPv4 address such as 10.0.0.1";
    case StringFormat::kIpv6:
      return "an IPv6 address such as fd00::1";
    case StringFormat::kHostname:
      return "a hostname such as api.example.com";
    case StringFormat::kUri:
      return "an absolute URI such as https://example.com/path";
    case StringFormat::kUriReference:
      return "a URI reference";
    case StringFormat::kJsonPointer:
      return "a JSON pointer such as /spec/replicas";
    case StringFormat::kRelativeJsonPointer:
      return "a relative JSON pointer such as 1/name";
    case StringFormat::kUriTemplate:
      return "a URI template such as https://example.com/{name}";
    case StringFormat::kRegex:
      return "a regular expression (ECMA-262, without lookaround or backreferences)";
    case StringFormat::kNone:
    case StringFormat::kIntOrString:
      break;
  }
  return "";
}

}  // namespace pushgate
