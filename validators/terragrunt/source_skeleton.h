#pragma once
// A module source as far as it is written literally, for the pinning rules: literal text, the
// `local.*` of the same file resolved, any other interpolation replaced by "${...}". Nullopt when
// the source starts with something computed (its kind cannot be told) or is not a string.
//
//   "${include.envcommon.locals.base}?ref=v0.8.0" -> nullopt (starts computed)
//   "github.com/org/repo//m?ref=${values.version}" -> "github.com/org/repo//m?ref=${...}"
#include <optional>
#include <string>

#include "core/hcl/hcl.h"

namespace pushgate {

std::optional<std::string> source_skeleton(const HclFile& file, HclExprId source);
// `source` capped for a message.
std::string shorten_source(const std::string& source);

}  // namespace pushgate
