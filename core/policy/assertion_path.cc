#include "core/policy/assertion_path.h"

#include <algorithm>

namespace pushgate {
namespace {

Error bad_path(std::string_view text, std::size_t at, std::string_view why) {
  return Error{ErrorCode::kInvalid, "bad field path \"" + std::string(text) + "\" at character " +
                                        std::to_string(at + 1) + ": " + std::string(why)};
}

bool plain_key_char(char c) {
  return c != '.' && c != '[' && c != ']' && c != '"' && c != '\'' && c != ' ';
}

// How a key prints in a concrete path: bracketed when it holds characters that would split it.
void append_key(std::string& where, std::string_view key) {
  const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), plain_key_char);
  if (plain) {
    if (!where.empty()) where += '.';
    where += key;
  } else {
    where += '[';
    where += key;
    where += ']';
  }
}

}  // namespace

Result<AssertionPath> AssertionPath::parse(std::string_view text) {
  AssertionPath path;
  path.text_ = std::string(text);
  if (text.empty()) return bad_path(text, 0, "the path is empty");
  std::size_t i = 0;
  bool expect_segment = true;  // at the start and after '.'
  while (i < text.size()) {
    const char c = text[i];
    if (c == '[') {
      if (expect_segment && i != 0) return bad_path(text, i, "`[` right after `.`");
      const std::size_t close = text.find(']', i + 1);
      std::size_t end = close;
      std::string key;
      if (i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == '\'')) {
        const char quote = text[i + 1];
        const std::size_t q = text.find(quote, i + 2);
        if (q == std::string_view::npos || q + 1 >= text.size() || text[q + 1] != ']') {
          return bad_path(text, i, "unterminated quoted key; write [\"key\"]");
        }
        key = std::string(text.substr(i + 2, q - i - 2));
        end = q + 1;
        path.segments_.push_back({Segment::Kind::kKey, std::move(key), 0});
      } else {
        if (close == std::string_view::npos) return bad_path(text, i, "`[` without `]`");
        const std::string_view inside = text.substr(i + 1, close - i - 1);
        if (inside.empty()) return bad_path(text, i, "empty `[]`; write [*] or [0]");
        if (inside == "*") {
          path.segments_.push_back({Segment::Kind::kEveryItem, {}, 0});
        } else if (std::all_of(inside.begin(), inside.end(),
                               [](char d) { return d >= '0' && d <= '9'; })) {
          if (inside.size() > 9) return bad_path(text, i, "index too large");
          path.segments_.push_back({Segment::Kind::kIndex,
                                    {},
                                    static_cast<std::size_t>(std::stoul(std::string(inside)))});
        } else {
          path.segments_.push_back({Segment::Kind::kKey, std::string(inside), 0});
        }
      }
      i = end + 1;
      expect_segment = false;
      if (i < text.size() && text[i] != '.' && text[i] != '[') {
        return bad_path(text, i, "expected `.` or `[` after `]`");
      }
      continue;
    }
    if (c == '.') {
      if (expect_segment) return bad_path(text, i, "empty segment (two dots, or a leading dot)");
      expect_segment = true;
      ++i;
      continue;
    }
    if (!expect_segment) return bad_path(text, i, "expected `.` between segments");
    std::size_t end = i;
    while (end < text.size() && plain_key_char(text[end])) ++end;
    if (end == i) return bad_path(text, i, "unexpected `" + std::string(1, c) + "`");
    const std::string_view name = text.substr(i, end - i);
    if (name == "*") {
      path.segments_.push_back({Segment::Kind::kEveryValue, {}, 0});
    } else {
      path.segments_.push_back({Segment::Kind::kKey, std::string(name), 0});
    }
    i = end;
    expect_segment = false;
  }
  if (expect_segment) return bad_path(text, text.size() - 1, "the path ends with `.`");
  return path;
}

bool AssertionPath::has_wildcard() const {
  return std::any_of(segments_.begin(), segments_.end(), [](const Segment& s) {
    return s.kind == Segment::Kind::kEveryItem || s.kind == Segment::Kind::kEveryValue;
  });
}

void AssertionPath::select(NodeRef root,
                           const std::function<void(NodeRef, const std::string&)>& visit) const {
  std::string where;
  walk(root, 0, where, visit);
}

void AssertionPath::walk(NodeRef node, std::size_t segment, std::string& where,
                         const std::function<void(NodeRef, const std::string&)>& visit) const {
  if (!node) return;
  if (segment == segments_.size()) {
    visit(node, where);
    return;
  }
  const Segment& s = segments_[segment];
  const std::size_t mark = where.size();
  switch (s.kind) {
    case Segment::Kind::kKey:
      if (node.is_mapping()) {
        append_key(where, s.key);
        walk(node.get(s.key), segment + 1, where, visit);
      }
      break;
    case Segment::Kind::kIndex:
      if (node.is_sequence() && s.index < node.size()) {
        where += "[" + std::to_string(s.index) + "]";
        walk(node.item(s.index), segment + 1, where, visit);
      }
      break;
    case Segment::Kind::kEveryItem:
      if (node.is_sequence()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
          where.resize(mark);
          where += "[" + std::to_string(i) + "]";
          walk(node.item(i), segment + 1, where, visit);
        }
      }
      break;
    case Segment::Kind::kEveryValue:
      if (node.is_mapping()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
          if (!node.key(i).is_scalar()) continue;
          where.resize(mark);
          append_key(where, node.key(i).text());
          walk(node.value(i), segment + 1, where, visit);
        }
      }
      break;
  }
  where.resize(mark);
}

}  // namespace pushgate
