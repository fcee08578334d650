#pragma once
// Text from pushes shown on a terminal (core/report only). Paths, messages and source lines come
// from whoever pushed: they may hold control characters, escape sequences, bidi overrides
// ("Trojan Source") or malformed UTF-8, none of which may reach a terminal raw.
#include <string>
#include <string_view>

namespace pushgate {

// Columns a terminal gives the character: 0 (combining marks), 1, or 2 (East Asian wide, emoji).
int display_width(char32_t c);

// Characters never written raw: C0/C1 controls, DEL, and the bidi embedding/override/isolate
// characters that reorder how a line reads.
bool is_unsafe_to_display(char32_t c);

// `text` as one safe line: unsafe characters escaped (\n, \t, \x1b, \u{202e}), malformed UTF-8
// as U+FFFD.
std::string printable(std::string_view text);

}  // namespace pushgate
