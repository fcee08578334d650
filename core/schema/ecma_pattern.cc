#include "core/schema/ecma_pattern.h"

#include <cstdio>

namespace pushgate {
namespace {

// ECMA-262 WhiteSpace and LineTerminator code points (what `\s` matches), as RE2 class items.
constexpr std::string_view kEcmaSpaceItems =
    "\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}"
    "\\x{205F}\\x{3000}\\x{FEFF}";
// `.` in ECMA matches everything but the line terminators.
constexpr std::string_view kEcmaDot = "[^\\n\\r\\x{2028}\\x{2029}]";

std::string code_point_escape(std::uint32_t code) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "\\x{%X}", static_cast<unsigned>(code));
  return buffer;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

class Translator {
 public:
  Translator(std::string_view pattern, EcmaEscapes escapes) : in_(pattern), escapes_(escapes) {}

  Result<std::string> run() {
    while (pos_ < in_.size()) {
      char c = in_[pos_];
      Status status;
      if (c == '\\') {
        status = escape(/*in_class=*/false);
      } else if (c == '[') {
        status = character_class();
      } else if (c == '(') {
        status = group();
      } else if (c == '.') {
        out_ += kEcmaDot;
        ++pos_;
      } else {
        out_ += c;
        ++pos_;
      }
      if (!status) return status.error();
    }
    return std::move(out_);
  }

 private:
  Error unsupported(std::string_view construct, std::string_view advice) const {
    return Error{ErrorCode::kUnsupported,
                 std::string(construct) + " at offset " + std::to_string(pos_) +
                     " is not supported: RE2 runs patterns in linear time and has no " +
                     std::string(construct) + "; " + std::string(advice)};
  }

  Status group() {
    std::string_view rest = in_.substr(pos_);
    if (rest.substr(0, 3) == "(?=" || rest.substr(0, 3) == "(?!") {
      return unsupported("lookahead", "rewrite the pattern without (?= or (?!");
    }
    if (rest.substr(0, 4) == "(?<=" || rest.substr(0, 4) == "(?<!") {
      return unsupported("lookbehind", "rewrite the pattern without (?<= or (?<!");
    }
    if (rest.substr(0, 3) == "(?<") {
      out_ += "(?P<";
      pos_ += 3;
      return Status::ok();
    }
    out_ += '(';
    ++pos_;
    return Status::ok();
  }

  // Reads \uXXXX (after the 'u'); false when it is not four hex digits.
  bool read_hex(std::size_t at, std::size_t digits, std::uint32_t& code) const {
    if (at + digits > in_.size()) return false;
    code = 0;
    for (std::size_t i = 0; i < digits; ++i) {
      int v = hex_value(in_[at + i]);
      if (v < 0) return false;
      code = code * 16 + static_cast<std::uint32_t>(v);
    }
    return true;
  }

  // pos_ is at the backslash.
  Status escape(bool in_class) {
    if (pos_ + 1 >= in_.size()) {
      return Error{ErrorCode::kInvalid, "pattern ends with a lone backslash"};
    }
    char c = in_[pos_ + 1];
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 't':
      case 'n':
      case 'r':
      case 'f':
        out_ += '\\';
        out_ += c;
        pos_ += 2;
        return Status::ok();
      case 'b':
        // Inside a class ECMA's \b is a backspace; outside, a word boundary as in RE2.
        out_ += in_class ? "\\x08" : "\\b";
        pos_ += 2;
        return Status::ok();
      case 'B':
        out_ += in_class ? "B" : "\\B";
        pos_ += 2;
        return Status::ok();
      case 'v':
        out_ += "\\x{0B}";
        pos_ += 2;
        return Status::ok();
      case 's':
        if (in_class) {
          out_ += kEcmaSpaceItems;
        } else {
          out_ += '[';
          out_ += kEcmaSpaceItems;
          out_ += ']';
        }
        pos_ += 2;
        return Status::ok();
      case 'S':
        if (in_class) {
          out_ += "\\S";  // RE2's narrower set: class subtraction is not expressible
        } else {
          out_ += "[^";
          out_ += kEcmaSpaceItems;
          out_ += ']';
        }
        pos_ += 2;
        return Status::ok();
      case '0':
        if (pos_ + 2 < in_.size() && is_ascii_digit(in_[pos_ + 2])) {
          return unsupported("octal escape", "write \\x{..} instead");
        }
        out_ += "\\x00";
        pos_ += 2;
        return Status::ok();
      case 'c': {
        if (pos_ + 2 < in_.size() && is_ascii_letter(in_[pos_ + 2])) {
          out_ += code_point_escape(static_cast<std::uint32_t>(in_[pos_ + 2]) % 32);
          pos_ += 3;
        } else {
          out_ += "\\\\c";  // Annex B: a backslash and a 'c'
          pos_ += 2;
        }
        return Status::ok();
      }
      case 'x': {
        std::uint32_t code = 0;
        if (read_hex(pos_ + 2, 2, code)) {
          out_ += code_point_escape(code);
          pos_ += 4;
        } else {
          out_ += 'x';
          pos_ += 2;
        }
        return Status::ok();
      }
      case 'u':
        return unicode_escape();
      case 'k':
        if (pos_ + 2 < in_.size() && in_[pos_ + 2] == '<') {
          return unsupported("backreference", "match the repeated text explicitly");
        }
        out_ += 'k';
        pos_ += 2;
        return Status::ok();
      case 'p':
      case 'P':
        // Unicode property classes: RE2 knows general categories and scripts by their short
        // names (\p{L}, \p{Greek}); others fail in RE2 with its own message.
        out_ += '\\';
        out_ += c;
        pos_ += 2;
        return Status::ok();
      default:
        break;
    }
    if (c >= '1' && c <= '9') {
      if (in_class) return unsupported("octal escape", "write \\x{..} instead");
      return unsupported("backreference", "match the repeated text explicitly");
    }
    if ((is_ascii_letter(c) || is_ascii_digit(c) || c == '_') &&
        escapes_ == EcmaEscapes::kUnicode) {
      return Error{ErrorCode::kInvalid, std::string("\\") + c + " at offset " +
                                            std::to_string(pos_) + " is not an ECMA-262 escape"};
    }
    if (is_ascii_letter(c) || is_ascii_digit(c) || c == '_') {
      out_ += c;  // identity escape (Annex B): \a is "a"
    } else if (static_cast<unsigned char>(c) < 0x80) {
      out_ += '\\';
      out_ += c;
    } else {
      out_ += c;  // first byte of a UTF-8 sequence; the rest is copied as literal bytes
    }
    pos_ += 2;
    return Status::ok();
  }

  Status unicode_escape() {
    std::uint32_t code = 0;
    if (pos_ + 2 < in_.size() && in_[pos_ + 2] == '{') {
      std::size_t close = in_.find('}', pos_ + 3);
      if (close != std::string_view::npos && close > pos_ + 3 && close - (pos_ + 3) <= 6 &&
          read_hex(pos_ + 3, close - (pos_ + 3), code) && code <= 0x10FFFF) {
        out_ += code_point_escape(code);
        pos_ = close + 1;
        return Status::ok();
      }
    }
    if (!read_hex(pos_ + 2, 4, code)) {
      out_ += 'u';
      pos_ += 2;
      return Status::ok();
    }
    pos_ += 6;
    std::uint32_t low = 0;
    if (code >= 0xD800 && code <= 0xDBFF && in_.substr(pos_, 2) == "\\u" &&
        read_hex(pos_ + 2, 4, low) && low >= 0xDC00 && low <= 0xDFFF) {
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
      pos_ += 6;
    }
    if (code >= 0xD800 && code <= 0xDFFF) {
      return unsupported("lone surrogate escape", "escape the whole character as \\u{...}");
    }
    out_ += code_point_escape(code);
    return Status::ok();
  }

  // pos_ is at '['.
  Status character_class() {
    std::size_t start = pos_;
    ++pos_;
    bool negated = pos_ < in_.size() && in_[pos_] == '^';
    if (negated) ++pos_;
    if (pos_ < in_.size() && in_[pos_] == ']') {
      // ECMA: [] matches nothing and [^] matches any character.
      out_ += negated ? "[\\x00-\\x{10FFFF}]" : "[^\\x00-\\x{10FFFF}]";
      ++pos_;
      return Status::ok();
    }
    out_ += negated ? "[^" : "[";
    while (pos_ < in_.size() && in_[pos_] != ']') {
      char c = in_[pos_];
      if (c == '\\') {
        Status status = escape(/*in_class=*/true);
        if (!status) return status;
      } else if (c == '[') {
        out_ += "\\[";  // literal in ECMA; RE2 would read [: as a POSIX class
        ++pos_;
      } else {
        out_ += c;
        ++pos_;
      }
    }
    if (pos_ >= in_.size()) {
      pos_ = start;
      return Error{ErrorCode::kInvalid,
                   "character class opened at offset " + std::to_string(start) + " is not closed"};
    }
    out_ += ']';
    ++pos_;
    return Status::ok();
  }

  std::string_view in_;
  EcmaEscapes escapes_;
  std::size_t pos_ = 0;
  std::string out_;
};

}  // namespace

Result<std::string> ecma_regex_to_re2(std::string_view pattern, EcmaEscapes escapes) {
  return Translator(pattern, escapes).run();
}

}  // namespace pushgate
