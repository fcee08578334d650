#include "core/schema/json_path.h"

namespace pushgate {
namespace {

bool is_plain_name(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '$';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

void append_json_path_key(std::string& path, std::string_view key) {
  if (is_plain_name(key)) {
    if (!path.empty()) path += '.';
    path += key;
  } else {
    path += '[';
    path += key;
    path += ']';
  }
}

void append_json_path_index(std::string& path, std::size_t index) {
  path += '[';
  path += std::to_string(index);
  path += ']';
}

std::string format_json_path(std::span<const JsonPathSegment> segments) {
  std::string path;
  for (const JsonPathSegment& segment : segments) {
    if (segment.is_index) {
      append_json_path_index(path, segment.index);
    } else {
      append_json_path_key(path, segment.key);
    }
  }
  return path;
}

}  // namespace pushgate
