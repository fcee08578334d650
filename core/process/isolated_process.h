#pragma once
// Runs one of the server's own programs (never one from a push) on files pushgate wrote, walled
// off as far as the kernel lets an unprivileged process go: its own process group (killed whole
// at the time limit), its own network namespace when the kernel allows one (nothing but a downed
// loopback inside), an explicit environment, stdin from /dev/null, stdout and stderr captured
// apart with a cap on each; and, when asked (IsolatedCommand::root), a root directory of its own
// (chroot), so that the server's filesystem is out of its sight.
//
//   IsolatedCommand command{{"/usr/bin/kubectl", "kustomize", dir}, dir, {"PATH=/nonexistent"}};
//   command.timeout = std::chrono::seconds(10);
//   Result<IsolatedRun> run = run_isolated(command);
//   if (run && !run.value().timed_out && run.value().exit_code == 0) ... run.value().output
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace pushgate {

struct IsolatedCommand {
  std::vector<std::string> argv;         // argv[0]: an absolute path; no PATH lookup, no shell
  std::string directory;                 // working directory ("" = inherit)
  std::vector<std::string> environment;  // the whole environment, "NAME=value" each
  std::chrono::milliseconds timeout{10'000};
  std::size_t max_output = 64 * 1024 * 1024;  // stdout beyond this is cut (output_truncated)
  std::size_t max_errors = 64 * 1024;         // stderr beyond this is dropped
  bool isolate_network = true;                // a new network namespace, when the kernel allows
  // When set (an absolute folder): the program runs with this folder as its root directory
  // (chroot), then `directory_confined` as its working directory and `environment_confined` as
  // its environment (paths as seen from the new root). That needs the privilege (root, or the
  // user namespace made for the network one) and a statically linked program (no loader or
  // library is inside the folder); where either is missing it runs with `directory` and
  // `environment`, unconfined, and IsolatedRun::root_confined is false. Arguments are the same
  // either way: give paths relative to the working directory.
  std::string root;
  std::string directory_confined;
  std::vector<std::string> environment_confined;
};

struct IsolatedRun {
  int exit_code = -1;  // -1 when killed by a signal (the time limit included)
  bool timed_out = false;
  bool output_truncated = false;
  bool network_isolated = false;  // the child ran in a network namespace of its own
  bool root_confined = false;     // the child ran chrooted into IsolatedCommand::root
  std::string output;             // stdout
  std::string errors;             // stderr
};

// True when `path` is an ELF executable without an interpreter (statically linked).
bool statically_linked(const std::string& path);

// kIo when the program cannot be started (not found, not executable, no fork).
Result<IsolatedRun> run_isolated(const IsolatedCommand& command);

}  // namespace pushgate
