#include "core/schema/uri.h"

#include <optional>

namespace pushgate {
namespace {

struct UriReference {
  std::optional<std::string_view> scheme;
  std::optional<std::string_view> authority;
  std::string_view path;
  std::optional<std::string_view> query;
  std::optional<std::string_view> fragment;
};

bool is_scheme_char(char c, bool first) {
  bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (first) return alpha;
  return alpha || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

UriReference parse_reference(std::string_view text) {
  UriReference ref;
  if (std::size_t hash = text.find('#'); hash != std::string_view::npos) {
    ref.fragment = text.substr(hash + 1);
    text = text.substr(0, hash);
  }
  if (std::size_t question = text.find('?'); question != std::string_view::npos) {
    ref.query = text.substr(question + 1);
    text = text.substr(0, question);
  }
  std::size_t colon = text.find(':');
  if (colon != std::string_view::npos && colon > 0) {
    bool scheme = true;
    for (std::size_t i = 0; i < colon && scheme; ++i) scheme = is_scheme_char(text[i], i == 0);
    if (scheme && text.substr(0, colon).find('/') == std::string_view::npos) {
      ref.scheme = text.substr(0, colon);
      text = text.substr(colon + 1);
    }
  }
  if (text.substr(0, 2) == "//") {
    text = text.substr(2);
    std::size_t slash = text.find('/');
    ref.authority = text.substr(0, slash);
    text = slash == std::string_view::npos ? std::string_view{} : text.substr(slash);
  }
  ref.path = text;
  return ref;
}

// RFC 3986 §5.2.4.
std::string remove_dot_segments(std::string_view input) {
  std::string output;
  while (!input.empty()) {
    if (input.substr(0, 3) == "../") {
      input.remove_prefix(3);
    } else if (input.substr(0, 2) == "./") {
      input.remove_prefix(2);
    } else if (input.substr(0, 3) == "/./") {
      input.remove_prefix(2);
    } else if (input == "/.") {
      input = "/";
    } else if (input.substr(0, 4) == "/../" || input == "/..") {
      input = input.size() == 3 ? std::string_view("/") : input.substr(3);
      std::size_t last = output.rfind('/');
      output.erase(last == std::string::npos ? 0 : last);
    } else if (input == "." || input == "..") {
      input = {};
    } else {
      std::size_t next = input.find('/', input.front() == '/' ? 1 : 0);
      output.append(input.substr(0, next));
      input = next == std::string_view::npos ? std::string_view{} : input.substr(next);
    }
  }
  return output;
}

std::string merge_paths(const UriReference& base, std::string_view reference_path) {
  if (base.authority && base.path.empty()) return "/" + std::string(reference_path);
  std::size_t slash = base.path.rfind('/');
  if (slash == std::string_view::npos) return std::string(reference_path);
  return std::string(base.path.substr(0, slash + 1)) + std::string(reference_path);
}

std::string recompose(const UriReference& ref, const std::string& path) {
  std::string out;
  if (ref.scheme) out.append(*ref.scheme).append(":");
  if (ref.authority) out.append("//").append(*ref.authority);
  out += path;
  if (ref.query) out.append("?").append(*ref.query);
  if (ref.fragment) out.append("#").append(*ref.fragment);
  return out;
}

}  // namespace

std::string resolve_uri(std::string_view base_text, std::string_view reference_text) {
  UriReference reference = parse_reference(reference_text);
  UriReference base = parse_reference(base_text);
  UriReference target;
  std::string path;
  if (reference.scheme) {
    target = reference;
    path = remove_dot_segments(reference.path);
  } else if (reference.authority) {
    target = reference;
    target.scheme = base.scheme;
    path = remove_dot_segments(reference.path);
  } else if (reference.path.empty()) {
    target = base;
    path = std::string(base.path);
    if (reference.query) target.query = reference.query;
    target.fragment = reference.fragment;
  } else {
    target = base;
    target.query = reference.query;
    target.fragment = reference.fragment;
    if (reference.path.front() == '/') {
      path = remove_dot_segments(reference.path);
    } else if (!base.scheme && !base.authority && base.path.empty()) {
      // No usable base: keep the relative reference (normalized) so the resolver callback sees it.
      path = remove_dot_segments(reference.path);
      if (path.empty()) path = std::string(reference.path);
    } else {
      path = remove_dot_segments(merge_paths(base, reference.path));
    }
  }
  return recompose(target, path);
}

UriFragment split_uri_fragment(std::string_view uri) {
  UriFragment parts;
  std::size_t hash = uri.find('#');
  if (hash == std::string_view::npos) {
    parts.resource = uri;
    return parts;
  }
  parts.resource = uri.substr(0, hash);
  parts.fragment = uri.substr(hash + 1);
  parts.has_fragment = true;
  return parts;
}

std::string percent_decode(std::string_view text) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int high = hex(text[i + 1]);
      int low = hex(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace pushgate
