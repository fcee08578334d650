#pragma once
// JSON Schema patterns are ECMA-262 regular expressions; pushgate runs them with RE2 (linear
// time, no backtracking, so a pushed 50 KB string cannot stall the gate). This translates the
// ECMA spelling into RE2's where the two differ, and rejects what RE2 cannot run at all:
//
//   Result<std::string> re2_syntax = ecma_regex_to_re2("^\\u00e9(?<year>\\d{4})$");
//   // "^\\x{e9}(?P<year>\\d{4})$"
//   ecma_regex_to_re2("^(?!kube-).*");   // Error{kUnsupported, "... lookahead ..."}
//
// Differences handled: `.` excludes every ECMA line terminator; `\s`/`\S` use ECMA's Unicode
// space set; `\uXXXX` (with surrogate pairs), `\u{X}`, `\cX`, `\0`; identity escapes of letters
// (`\a` is "a"); `[^]` and `[]`; a literal `[` inside a class; `(?<name>` groups.
// Unsupported (kUnsupported): lookahead, lookbehind, backreferences (`\1`, `\k<name>`).
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace pushgate {

enum class EcmaEscapes : std::uint8_t {
  kAnnexB,   // web-compatible: `\a` is "a" (what pattern keywords in real schemas rely on)
  kUnicode,  // the `u` flag's strict rule: escaping a letter without meaning is an error
};

Result<std::string> ecma_regex_to_re2(std::string_view pattern,
                                      EcmaEscapes escapes = EcmaEscapes::kAnnexB);

}  // namespace pushgate
