#pragma once
// Words for violation messages: what a document value is, what a schema wanted, and the YAML
// typing advice ("quote it") that turns a puzzling type error into a one-keystroke fix.
//
//   describe_value(node)            // string "three" · integer 3 · boolean true · null · object
//   describe_types(kIntegerType)    // "integer"
//   yaml_typing_hint(node, kStringType)
//       // for a plain `1.10`: "; YAML reads the unquoted 1.10 as a number: quote it ("1.10")..."
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/document/document.h"

namespace pushgate::schema {

// Values longer than this are cut in messages (with "..."): a message names, it does not copy.
inline constexpr std::size_t kMaxQuotedValue = 60;

// A JSON-style quoted string, escaped and cut to kMaxQuotedValue characters.
std::string quote(std::string_view text);
// Type and value: string "three", integer 3, number 1.5, boolean true, null, object, array.
std::string describe_value(NodeRef node);
// What a JSON value is, for "must be ..., got ..." messages: null, a boolean, a number, a string,
// an array, an object.
std::string describe_json_type(const nlohmann::json& value);
// "integer", "integer or string", "string, number or null".
std::string describe_types(std::uint8_t type_bits);
// Advice when YAML typing, not the author, chose the wrong type; "" when it does not apply.
std::string yaml_typing_hint(NodeRef node, std::uint8_t expected_types);
// The subject of a message: the path, or "document" for the validated node itself.
std::string_view subject(std::string_view json_path);

}  // namespace pushgate::schema
