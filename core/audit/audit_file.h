#pragma once
// Appends one line to a log file so that concurrent writers never interleave or tear lines
// (docs/audit.md):
//
//   Status written = append_line("/var/log/pushgate/audit.jsonl", json_text);
//
// The file is opened with O_APPEND and an exclusive flock(2) is held around a single write(2) of
// the whole line: POSIX promises atomic appends only for pipes up to PIPE_BUF, not for regular
// files, and every pushgate hook takes the same lock. A short write (disk full, file size limit)
// is cut off again (ftruncate to the size before the write), so that a failed line never
// corrupts the next one, and reported as an error.
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace pushgate {

// `line` must not contain a newline; one is added. Creates the file (mode 0640) when missing,
// never its folder.
Status append_line(const std::string& path, std::string_view line);

}  // namespace pushgate
