#pragma once
// Small text helpers that several layers need, in one place: ASCII case folding (ids, emails,
// host names and kinds compare without case; other bytes, UTF-8 included, compare exactly) and
// counted nouns for messages. No locale is consulted: the answer never depends on the host.
//
//   if (equals_ignoring_case(a.email, b.email)) ...
//   message += plural(errors, "error");                    // "1 error", "3 errors"
//   message += plural(n, "property", "properties");        // irregular plural
#include <cstdint>
#include <string>
#include <string_view>

namespace pushgate {

// `text` with A-Z turned into a-z.
std::string ascii_lower(std::string_view text);
// True when `a` and `b` are equal once A-Z and a-z are the same letter.
bool equals_ignoring_case(std::string_view a, std::string_view b);
// True when `text` ends with `suffix`, A-Z and a-z the same (an empty suffix ends everything).
bool ends_with_ignoring_case(std::string_view text, std::string_view suffix);

// "1 file", "0 files", "2 files"; `many` when the plural is not `one` + "s".
std::string plural(std::uint64_t count, std::string_view one, std::string_view many = {});

}  // namespace pushgate
