#include "core/document/field_lookup.h"

#include <charconv>

namespace pushgate {
namespace {

bool parse_index(std::string_view text, std::size_t& index) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), index);
  return ec == std::errc{} && end == text.data() + text.size();
}

}  // namespace

std::vector<std::string> split_field_path(std::string_view path) {
  std::vector<std::string> segments;
  std::string current;
  bool have_current = false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '.') {
      if (have_current) segments.push_back(std::move(current));
      current.clear();
      have_current = false;
    } else if (c == '[') {
      if (have_current) segments.push_back(std::move(current));
      current.clear();
      have_current = false;
      const std::size_t close = path.find(']', i + 1);
      if (close == std::string_view::npos) return {};
      std::string_view inner = path.substr(i + 1, close - i - 1);
      // ["key"] and ['key'] as JSONPath writes them.
      if (inner.size() >= 2 && (inner.front() == '"' || inner.front() == '\'') &&
          inner.back() == inner.front()) {
        inner = inner.substr(1, inner.size() - 2);
      }
      segments.emplace_back(inner);
      i = close;
    } else {
      current += c;
      have_current = true;
    }
  }
  if (have_current) segments.push_back(std::move(current));
  return segments;
}

FieldLookup find_field(NodeRef root, std::string_view path) {
  FieldLookup lookup{root, false};
  std::string_view trimmed = path;
  if (trimmed.starts_with("$.")) trimmed.remove_prefix(2);
  const std::vector<std::string> segments = split_field_path(trimmed);
  if (segments.empty()) return lookup;
  NodeRef node = root;
  for (const std::string& segment : segments) {
    NodeRef next;
    if (node.is_mapping()) {
      next = node.get(segment);
    } else if (node.is_sequence()) {
      std::size_t index = 0;
      if (parse_index(segment, index) && index < node.size()) next = node.item(index);
    }
    if (!next) return lookup;
    node = next;
    lookup.node = node;
  }
  lookup.complete = true;
  return lookup;
}

}  // namespace pushgate
