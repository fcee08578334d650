#include "core/base/glob.h"

#include <re2/re2.h>

#include <cstdio>

#include "core/base/utf8.h"

namespace pushgate {
namespace {

// Segments matched by "**/": zero or more whole directories.
constexpr std::string_view kAnyDirectories = "(?:.*/)?";

bool is_ascii_alnum(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// One literal character in RE2 syntax, valid inside and outside a character class.
void append_literal(std::string& out, char32_t c) {
  if (is_ascii_alnum(c) || c == '_') {
    out += static_cast<char>(c);
    return;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\x{%X}", static_cast<unsigned>(c));
  out += buf;
}

Error glob_error(std::string_view glob, std::string_view why) {
  return Error{ErrorCode::kInvalid,
               "invalid glob \"" + std::string(glob) + "\": " + std::string(why)};
}

// Reads the character at `i` (a malformed one reads as U+FFFD, as paths are matched).
char32_t read_char(std::string_view text, std::size_t& i) {
  const Utf8Char c = next_utf8_char(text, i);
  i += c.size;
  return c.code;
}

// Translates the class starting at body[i] == '[' and moves `i` past its ']'; errors name `glob`.
Status append_class(std::string_view glob, std::string_view body, std::size_t& i,
                    std::string& out) {
  ++i;
  std::string members;
  bool negated = false;
  if (i < body.size() && (body[i] == '!' || body[i] == '^')) {
    negated = true;
    ++i;
  }
  bool first = true;
  while (true) {
    if (i >= body.size()) {
      return glob_error(glob, "'[' is never closed; add ']' or write '\\[' for a literal '['");
    }
    if (body[i] == ']' && !first) {
      ++i;
      break;
    }
    first = false;
    if (body[i] == '\\') {
      if (++i >= body.size()) return glob_error(glob, "ends with '\\'; escape it as '\\\\'");
    }
    const char32_t low = read_char(body, i);
    char32_t high = low;
    if (i + 1 < body.size() && body[i] == '-' && body[i + 1] != ']') {
      ++i;
      if (body[i] == '\\' && ++i >= body.size()) {
        return glob_error(glob, "ends with '\\'; escape it as '\\\\'");
      }
      high = read_char(body, i);
      if (high < low) {
        return glob_error(glob, "character range is reversed; write the smaller character first");
      }
    }
    if (low <= '/' && '/' <= high) {
      return glob_error(glob, "a character class never matches '/'; use '*' or '**' instead");
    }
    append_literal(members, low);
    if (high != low) {
      members += '-';
      append_literal(members, high);
    }
  }
  // '/' separates segments: a class, like '?', matches within one segment only.
  out += negated ? "[^/" : "[";
  out += members;
  out += ']';
  return Status::ok();
}

Result<std::string> translate(std::string_view glob) {
  if (glob.empty()) return glob_error(glob, "a glob must not be empty");
  std::string_view body = glob;
  bool anchored = false;
  if (body.starts_with("./")) {
    body.remove_prefix(2);
    anchored = true;
  } else if (body.starts_with('/')) {
    body.remove_prefix(1);
    anchored = true;
  }
  // "dir/" means everything below dir, as "dir/**" does.
  std::string expanded;
  if (body.ends_with('/')) {
    expanded = std::string(body) + "**";
    body = expanded;
  }
  if (body.empty()) return glob_error(glob, "matches no file; name a path below the root");
  // As in .gitignore, a glob with a '/' is relative to the root, one without names a base name.
  if (body.find('/') != std::string_view::npos) anchored = true;

  std::string out = "(?:";
  if (!anchored) out += kAnyDirectories;
  for (std::size_t i = 0; i < body.size();) {
    const char c = body[i];
    if (c == '*') {
      std::size_t run = i;
      while (run < body.size() && body[run] == '*') ++run;
      const bool segment_start = i == 0 || body[i - 1] == '/';
      const bool segment_end = run == body.size() || body[run] == '/';
      if (run - i >= 2 && segment_start && segment_end) {
        if (run == body.size()) {
          out += ".*";
          i = run;
        } else {
          out += kAnyDirectories;
          i = run + 1;  // the '/' is part of kAnyDirectories
        }
      } else {
        out += "[^/]*";  // '**' inside a segment is a plain '*', as in .gitignore
        i = run;
      }
    } else if (c == '?') {
      out += "[^/]";
      ++i;
    } else if (c == '[') {
      if (Status s = append_class(glob, body, i, out); !s) return s.error();
    } else if (c == '\\') {
      if (++i >= body.size()) return glob_error(glob, "ends with '\\'; escape it as '\\\\'");
      append_literal(out, read_char(body, i));
    } else if (c == '/') {
      out += '/';
      ++i;
    } else {
      append_literal(out, read_char(body, i));
    }
  }
  out += ')';
  return out;
}

RE2::Options regex_options() {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_dot_nl(true);  // git paths may hold newlines; '**' must still cover them
  options.set_log_errors(false);
  return options;
}

}  // namespace

Result<GlobSet> GlobSet::compile(const std::vector<std::string>& globs) {
  GlobSet set;
  std::string alternation;
  for (const std::string& glob : globs) {
    Result<std::string> regex = translate(glob);
    if (!regex) return regex.error();
    if (!alternation.empty()) alternation += '|';
    alternation += regex.value();
  }
  set.globs_ = globs;
  if (globs.empty()) return set;
  set.regex_ = std::make_unique<re2::RE2>(alternation, regex_options());
  if (!set.regex_->ok()) {
    return Error{ErrorCode::kInvalid, "globs do not compile: " + set.regex_->error()};
  }
  return set;
}

GlobSet::GlobSet(GlobSet&&) noexcept = default;
GlobSet& GlobSet::operator=(GlobSet&&) noexcept = default;
GlobSet::~GlobSet() = default;

bool GlobSet::matches(std::string_view path) const {
  if (!regex_) return false;
  // RE2 never matches malformed UTF-8, yet git paths may hold any bytes: match those paths with
  // U+FFFD in place of each malformed character, so '*' still covers them.
  if (!is_valid_utf8(path)) return re2::RE2::FullMatch(to_valid_utf8(path), *regex_);
  return re2::RE2::FullMatch(path, *regex_);
}

std::string GlobSet::to_regex(std::string_view glob) {
  Result<std::string> regex = translate(glob);
  return regex ? std::move(regex).value() : std::string();
}

}  // namespace pushgate
