#pragma once
// Runs one of the server's own programs (never one from a push) with an explicit argv — no shell,
// no PATH lookup, a minimal environment — stdin from a file, and a time limit.
//
//   ProgramRun run = run_program({"/usr/bin/ssh-keygen", "-Y", "verify", ...}, payload_file,
//                                std::chrono::seconds(10));
//   if (!run.started) ...; if (run.timed_out) ...; run.exit_code, run.output
//
// The child gets PATH=/usr/bin:/bin and LC_ALL=C, not the hook's environment: behind smart HTTP
// that holds credentials, and over ssh or file:// the pusher chose it.
#include <chrono>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace pushgate {

// Output beyond this is dropped: the programs we run print a line or two.
inline constexpr std::size_t kMaxProgramOutput = 64 * 1024;

struct ProgramRun {
  int exit_code = -1;  // -1 when killed by a signal (the timeout included)
  bool timed_out = false;
  std::string output;  // stdout and stderr, interleaved
};

// argv[0] must be an absolute path. kIo when the program cannot be started.
Result<ProgramRun> run_program(const std::vector<std::string>& argv, const std::string& stdin_path,
                               std::chrono::milliseconds timeout);

}  // namespace pushgate
