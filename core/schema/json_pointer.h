#pragma once
// RFC 6901 JSON pointers, as `$ref` fragments use them ("#/definitions/a~1b"):
//
//   Result<std::vector<std::string>> tokens = parse_json_pointer("/definitions/a~1b");
//   const nlohmann::json* target = find_json_pointer(schema, tokens.value());
//   std::string back = format_json_pointer(tokens.value());  // "/definitions/a~1b"
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/result.h"

namespace pushgate {

// "~" → "~0" and "/" → "~1", so a key can be one pointer token.
std::string escape_json_pointer_token(std::string_view token);

// "" is the whole document; anything else must start with '/'. Bad "~" escapes are errors.
Result<std::vector<std::string>> parse_json_pointer(std::string_view pointer);

std::string format_json_pointer(const std::vector<std::string>& tokens);

// The value `tokens` lead to, or nullptr. Array tokens must be decimal indexes without leading
// zeros (RFC 6901 §4).
const nlohmann::json* find_json_pointer(const nlohmann::json& root,
                                        const std::vector<std::string>& tokens);

}  // namespace pushgate
