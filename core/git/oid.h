#pragma once
// Private to core/git: conversions between hex ids and git_oid.
#include <git2.h>

#include <string>
#include <string_view>

#include "core/base/result.h"

namespace pushgate::git {

// A full 40-digit hex id; anything else is kInvalid (abbreviations go through revparse instead).
Result<git_oid> parse_oid(std::string_view hex);
std::string to_hex(const git_oid& oid);

}  // namespace pushgate::git
