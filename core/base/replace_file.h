#pragma once
// Replaces a file whole, so that a reader sees the old bytes or the new ones, never a mix: the
// parts are written, in order, to a temporary file beside the target (created exclusively and
// named by pid and a random number, so concurrent writers never share one), then renamed over
// it (atomic on POSIX). Missing parent folders are created. On failure the temporary file is
// removed and the target is left as it was.
//
//   Status written = replace_file(path, {head, payloads});
//
// `mode`, when given, is the file's exact permission bits (the umask does not apply): 0755 for a
// hook git runs, 0600 for a file that may hold credentials. Without it the file is created
// 0666 less the umask, as any new file.
//
// Knows nothing about formats or locking: of concurrent writers the last rename wins, whole.
#include <sys/types.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace pushgate {

Status replace_file(const std::string& path, std::initializer_list<std::string_view> parts,
                    std::optional<mode_t> mode = std::nullopt);

}  // namespace pushgate
