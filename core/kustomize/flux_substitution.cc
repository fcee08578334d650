#include "core/kustomize/flux_substitution.h"

#include <optional>

namespace pushgate {
namespace {

bool name_start(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool name_char(char c) {
  return name_start(c) || (c >= '0' && c <= '9');
}
// Columns count characters: UTF-8 continuation bytes do not start one.
bool starts_character(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

std::uint32_t characters(std::string_view text) {
  std::uint32_t n = 0;
  for (char c : text) n += starts_character(c) ? 1 : 0;
  return n;
}

// The value of the placeholder `body` (between `${` and `}`), or nullopt when not known here.
std::optional<std::string> evaluate(std::string_view body,
                                    const std::map<std::string, std::string>& vars) {
  std::size_t end = 0;
  if (body.empty() || !name_start(body[0])) return std::nullopt;
  while (end < body.size() && name_char(body[end])) ++end;
  const std::string name(body.substr(0, end));
  const std::string_view rest = body.substr(end);
  auto known = vars.find(name);
  const bool set = known != vars.end();
  const bool non_empty = set && !known->second.empty();
  if (rest.empty()) return set ? std::optional<std::string>(known->second) : std::nullopt;
  auto word = [&](std::size_t skip) -> std::optional<std::string> {
    const std::string_view text = rest.substr(skip);
    if (text.find('$') != std::string_view::npos) return std::nullopt;  // nested: not modelled
    return std::string(text);
  };
  if (rest.starts_with(":=") || rest.starts_with(":-")) {
    return non_empty ? std::optional<std::string>(known->second) : word(2);
  }
  if (rest.starts_with(":+")) return non_empty ? word(2) : std::nullopt;
  if (rest[0] == '=' || rest[0] == '-') {
    return set ? std::optional<std::string>(known->second) : word(1);
  }
  if (rest[0] == '+') return set ? word(1) : std::nullopt;
  return std::nullopt;  // ${VAR:2}, ${VAR#x}, ${VAR/a/b}, ${VAR^}, ...: left as written
}

}  // namespace

Position Substituted::original(Position position) const {
  std::int64_t shift = 0;
  for (const Edit& edit : edits) {
    if (edit.line != position.line || edit.new_column > position.column) continue;
    if (position.column < edit.new_end) return Position{position.line, edit.old_column};
    shift += static_cast<std::int64_t>(edit.old_end - edit.old_column) -
             static_cast<std::int64_t>(edit.new_end - edit.new_column);
  }
  return Position{position.line, static_cast<std::uint32_t>(position.column + shift)};
}

Substituted flux_substitute(std::string_view text, const std::map<std::string, std::string>& vars) {
  Substituted out;
  out.text.reserve(text.size());
  std::uint32_t line = 1;
  std::uint32_t old_column = 1;  // of text[i]
  std::uint32_t new_column = 1;  // of the next character appended
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '$' && i + 1 < text.size() && text[i + 1] == '$' && i + 2 < text.size() &&
        text[i + 2] == '{') {
      // `$${VAR}`: escaped, copied as written.
      out.text.append(text.substr(i, 3));
      i += 3;
      old_column += 3;
      new_column += 3;
      continue;
    }
    if (c == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      const std::size_t close = text.find('}', i + 2);
      const std::size_t newline = text.find('\n', i + 2);
      if (close != std::string_view::npos &&
          (newline == std::string_view::npos || close < newline)) {
        const std::string_view placeholder = text.substr(i, close + 1 - i);
        const std::optional<std::string> value =
            evaluate(placeholder.substr(2, placeholder.size() - 3), vars);
        if (value && !value->empty() && value->find('\n') == std::string::npos) {
          const std::uint32_t old_width = characters(placeholder);
          const std::uint32_t new_width = characters(*value);
          out.edits.push_back(
              {line, new_column, new_column + new_width, old_column, old_column + old_width});
          out.text += *value;
          i = close + 1;
          old_column += old_width;
          new_column += new_width;
          continue;
        }
        // Unknown here: the whole placeholder stays as written (a nested one in its default too).
        out.text.append(placeholder);
        i = close + 1;
        old_column += characters(placeholder);
        new_column += characters(placeholder);
        continue;
      }
    }
    out.text += c;
    ++i;
    if (c == '\n') {
      ++line;
      old_column = 1;
      new_column = 1;
    } else if (starts_character(c)) {
      ++old_column;
      ++new_column;
    }
  }
  return out;
}

}  // namespace pushgate
