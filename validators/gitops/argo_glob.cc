#include "validators/gitops/argo_glob.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace pushgate {
namespace {

// gobwas/glob syntax to an RE2 pattern; nullopt when the pattern is malformed.
std::optional<std::string> to_regex(std::string_view glob, bool slash_separates) {
  const std::string any_one = slash_separates ? "[^/]" : "(?s:.)";
  std::string out;
  int braces = 0;
  for (std::size_t i = 0; i < glob.size(); ++i) {
    const char c = glob[i];
    if (c == '\\') {
      if (++i == glob.size()) return std::nullopt;
      out += RE2::QuoteMeta(glob.substr(i, 1));
    } else if (c == '*') {
      if (i + 1 < glob.size() && glob[i + 1] == '*') {
        ++i;
        out += "(?s:.*)";
      } else {
        out += any_one + "*";
      }
    } else if (c == '?') {
      out += any_one;
    } else if (c == '[') {
      const std::size_t close = glob.find(']', i + 1);
      if (close == std::string_view::npos || close == i + 1) return std::nullopt;
      std::string_view inner = glob.substr(i + 1, close - i - 1);
      out += '[';
      if (inner.front() == '!') {
        out += '^';
        inner.remove_prefix(1);
        if (inner.empty()) return std::nullopt;
      }
      for (char k : inner) {
        if (k == '\\' || k == '[' || k == ']' || k == '^') out += '\\';
        out += k;
      }
      out += ']';
      i = close;
    } else if (c == '{') {
      ++braces;
      out += "(?:";
    } else if (c == '}' && braces > 0) {
      --braces;
      out += ')';
    } else if (c == ',' && braces > 0) {
      out += '|';
    } else {
      out += RE2::QuoteMeta(glob.substr(i, 1));
    }
  }
  if (braces != 0) return std::nullopt;
  return out;
}

}  // namespace

bool argo_glob_match(std::string_view pattern, std::string_view value, bool slash_separates) {
  if (is_argo_deny_pattern(pattern)) {
    return !argo_glob_match(pattern.substr(1), value, slash_separates);
  }
  if (pattern == "*") return true;
  const std::optional<std::string> regex = to_regex(pattern, slash_separates);
  if (!regex) return false;
  RE2::Options options;
  options.set_log_errors(false);
  const RE2 re(*regex, options);
  return re.ok() && RE2::FullMatch(value, re);
}

std::string argo_normalize_git_url(std::string_view url) {
  while (!url.empty() && std::isspace(static_cast<unsigned char>(url.front())))
    url.remove_prefix(1);
  while (!url.empty() && std::isspace(static_cast<unsigned char>(url.back()))) url.remove_suffix(1);
  std::string out(url);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const bool scp_like = out.find("://") == std::string::npos &&
                        out.find('@') != std::string::npos && out.find(':') != std::string::npos &&
                        out.find('@') < out.find(':');
  if (scp_like) out[out.find(':')] = '/';
  if (out.ends_with(".git")) out.resize(out.size() - 4);
  if (out.starts_with("ssh://")) out.erase(0, 6);
  return out;
}

}  // namespace pushgate
