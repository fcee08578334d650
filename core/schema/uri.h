#pragma once
// The little of RFC 3986 that `$ref` and `$id` need: resolving a reference against a base URI and
// splitting off the fragment.
//
//   resolve_uri("http://example.com/root.json", "item.json#/definitions/a")
//       == "http://example.com/item.json#/definitions/a"
//   UriFragment f = split_uri_fragment("item.json#/a");  // f.resource == "item.json", f.fragment
//                                                        // == "/a", f.has_fragment
#include <string>
#include <string_view>

namespace pushgate {

// RFC 3986 §5.2 (with remove_dot_segments). An empty base leaves the reference as written, so
// schemas without an absolute id still resolve their local "#/..." references.
std::string resolve_uri(std::string_view base, std::string_view reference);

struct UriFragment {
  std::string_view resource;  // everything before '#'
  std::string_view fragment;  // after '#', still percent-encoded
  bool has_fragment = false;
};
UriFragment split_uri_fragment(std::string_view uri);

// "%25" → "%"; malformed escapes are kept as written.
std::string percent_decode(std::string_view text);

}  // namespace pushgate
