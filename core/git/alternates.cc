#include "core/git/alternates.h"

#include <algorithm>

namespace pushgate::git {
namespace {

bool is_octal(char c) {
  return c >= '0' && c <= '7';
}

// Undoes git's quote_c_style: \n \t \" \\ and three-digit octal escapes.
std::string unquote_c_style(std::string_view quoted) {
  std::string out;
  for (std::size_t i = 0; i < quoted.size(); ++i) {
    char c = quoted[i];
    if (c != '\\' || i + 1 >= quoted.size()) {
      out.push_back(c);
      continue;
    }
    char next = quoted[++i];
    switch (next) {
      case 'a':
        out.push_back('\a');
        break;
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'v':
        out.push_back('\v');
        break;
      default:
        if (next >= '0' && next <= '3' && i + 2 < quoted.size() && is_octal(quoted[i + 1]) &&
            is_octal(quoted[i + 2])) {
          int value = (next - '0') * 64 + (quoted[i + 1] - '0') * 8 + (quoted[i + 2] - '0');
          out.push_back(static_cast<char>(value));
          i += 2;
        } else {
          out.push_back(next);  // \\, \" and anything unknown: the character itself
        }
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> split_alternates(std::string_view list) {
  std::vector<std::string> dirs;
  std::size_t i = 0;
  while (i < list.size()) {
    if (list[i] == ':') {
      ++i;
      continue;
    }
    if (list[i] == '"') {
      std::size_t end = i + 1;
      while (end < list.size() && list[end] != '"') end += (list[end] == '\\') ? 2 : 1;
      end = std::min(end, list.size());
      dirs.push_back(unquote_c_style(list.substr(i + 1, end - i - 1)));
      i = end + 1;
      continue;
    }
    std::size_t end = std::min(list.find(':', i), list.size());
    dirs.emplace_back(list.substr(i, end - i));
    i = end;
  }
  return dirs;
}

}  // namespace pushgate::git
