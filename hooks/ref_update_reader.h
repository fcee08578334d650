#pragma once
// git's pre-receive stdin: any number of "<old-oid> SP <new-oid> SP <ref-name> LF" lines, read to
// EOF (githooks(5)). A line that is not exactly that is an error naming the line: a gate must not
// guess what it was asked to check.
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/push/ref_update.h"

namespace pushgate {

// Bounds on what a sane push sends; beyond them the input is refused, not buffered.
inline constexpr std::size_t kMaxRefUpdateLine = 8192;  // two ids, a ref name, separators
inline constexpr std::size_t kMaxRefUpdates = 100000;   // refs in one push

// Ids of 40 hex digits, a ref name without spaces, not both ids zero.
Result<RefUpdate> validate_ref_update(RefUpdate update);
Result<RefUpdate> parse_ref_update_line(std::string_view line);
Result<std::vector<RefUpdate>> read_ref_updates(std::istream& in);

}  // namespace pushgate
