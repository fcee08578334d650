#pragma once
// The `format` values pushgate asserts. Unknown formats (int32, byte, quantity, ...) are
// annotations and pass, as JSON Schema says; `int-or-string` is Kubernetes' own and changes the
// accepted types instead of checking text (core/schema/schema_program.h).
//
//   StringFormat f = parse_string_format("ipv4");
//   if (!matches_string_format(f, "10.0.0.256")) ...   // not an IPv4 address
#include <cstdint>
#include <string_view>

namespace pushgate {

enum class StringFormat : std::uint8_t {
  kNone,                 // not asserted
  kDateTime,             // RFC 3339 date-time: 2024-01-31T12:00:00Z
  kDate,                 // RFC 3339 full-date: 2024-01-31
  kTime,                 // RFC 3339 full-time: 12:00:00+01:00
  kEmail,                // local@domain (the structure, not deliverability)
  kIpv4,                 // dotted quad, no leading zeros
  kIpv6,                 // RFC 4291 text form, with :: and an embedded IPv4 tail
  kHostname,             // RFC 1123 labels
  kUri,                  // absolute URI (scheme required), RFC 3986 characters
  kUriReference,         // URI or relative reference
  kJsonPointer,          // RFC 6901
  kRelativeJsonPointer,  // draft-handrews-relative-json-pointer: 1/foo, 0#
  kUriTemplate,          // RFC 6570: braces balanced, not nested
  kRegex,                // an ECMA-262 regular expression RE2 can run
  kIntOrString,          // Kubernetes: an integer or a string (a type rule, not a text check)
};

StringFormat parse_string_format(std::string_view name);
// True when `text` is well-formed for `format` (always true for kNone and kIntOrString).
bool matches_string_format(StringFormat format, std::string_view text);
// For messages: "an RFC 3339 date-time such as 2024-01-31T12:00:00Z".
std::string_view describe_string_format(StringFormat format);

}  // namespace pushgate
