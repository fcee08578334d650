#pragma once
// What a policy said about one object, read out of the Data API's `result`.
//
// A decision (pushgate mode) and each deny/violation/warn rule (conftest mode) may produce:
//   ["msg", ...]                                  a set of messages (partial set rule)
//   [{"msg": "...", "field": "spec.replicas"}]    objects with msg (or message), optionally the
//                                                 field they are about (a path string, or an
//                                                 array of keys and indices) and, in pushgate
//                                                 mode, "severity": error|warning|info
//   "msg" or {"msg": ...}                          one message (a complete rule)
//   true                                          a denial without a message
//   false, null, []                               nothing to report
// Anything else (a number, an object without msg) is a policy bug and an error, never a pass.
//
//   Result<std::vector<OpaViolation>> v = violations_from_decision(result, Severity::kError);
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/result.h"
#include "core/finding/finding.h"

namespace pushgate {

// Messages from the server are cut here: one finding stays a readable line or two.
inline constexpr std::size_t kMaxPolicyMessageChars = 1000;

struct OpaViolation {
  std::string rule;  // conftest mode: the Rego rule ("deny", "warn_tags"); "" for a decision
  Severity severity = Severity::kError;
  std::string message;  // sanitized: no control characters; "" when the rule gave none
  std::string field;    // "spec.replicas" when the result names a field, "" otherwise
};

// pushgate mode: a decision's result. `severity` is the default for items that name none.
Result<std::vector<OpaViolation>> violations_from_decision(const nlohmann::json& result);

// conftest mode: the package document (data.<package>): every rule named deny, violation or
// warn, or starting with deny_, violation_ or warn_, as conftest reads them.
Result<std::vector<OpaViolation>> violations_from_package(const nlohmann::json& package);

// Text from the server made safe for a terminal and a log line: control characters (escape
// sequences, line breaks) become spaces, and it is cut at `max_chars` characters.
std::string sanitize_policy_text(std::string_view text, std::size_t max_chars);

}  // namespace pushgate
