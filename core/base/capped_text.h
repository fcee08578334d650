#pragma once
// Values from pushes quoted in messages, cut to a readable size: a message names a value, it does
// not copy it. A 100,000-digit number or a 60 KB bypass reason must not become a 100 KB remote
// line or audit record.
//
//   cap_value(text)            // whole when <= 200 characters, else "1234…" (200 characters
//                              // with the ellipsis) and " (100000 characters)"
//   cap_long_runs(message)     // the same for every run of non-blank characters in a message
//   cap_bytes(reason, 1024)    // at most 1024 bytes, cut on a character boundary, then "…"
//
// Cuts fall between UTF-8 characters (core/base/utf8.h), never inside one. Knows nothing about
// quoting or escaping: callers quote the result as they quote any value.
#include <cstddef>
#include <string>
#include <string_view>

namespace pushgate {

inline constexpr std::size_t kMaxQuotedCharacters = 200;

// `text` when it has at most `max` characters; else its first `max - 1` characters, "…" and the
// original length: " (100000 characters)".
std::string cap_value(std::string_view text, std::size_t max = kMaxQuotedCharacters);

// `message` with every run of non-blank characters longer than `max` characters capped as
// cap_value does. For messages built from values that were not capped where they were quoted.
std::string cap_long_runs(std::string_view message, std::size_t max = kMaxQuotedCharacters);

// `text` when it has at most `max_bytes` bytes; else the longest prefix of whole characters that
// leaves room for "…" within `max_bytes`, then "…".
std::string cap_bytes(std::string_view text, std::size_t max_bytes);

}  // namespace pushgate
