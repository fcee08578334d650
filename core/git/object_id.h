#pragma once
// Git object ids as git's hook contract spells them: 40 lowercase hex digits (SHA-1; SHA-256
// repositories are refused when opened, see repository.h). The all-zero id means "no object":
// a ref being created (old) or deleted (new).
#include <cstddef>
#include <string_view>

namespace pushgate {

inline constexpr std::size_t kObjectIdHexLength = 40;

// True for exactly 40 hex digits (either case).
bool is_object_id(std::string_view text);
// True for the all-zero id git uses for "no object".
bool is_zero_object_id(std::string_view text);

}  // namespace pushgate
