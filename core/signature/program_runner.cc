#include "core/signature/program_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/process/pipe.h"
#include "core/process/wait_child.h"

namespace pushgate {
namespace {

class SpawnActions {
 public:
  SpawnActions() { ::posix_spawn_file_actions_init(&actions_); }
  ~SpawnActions() { ::posix_spawn_file_actions_destroy(&actions_); }
  SpawnActions(const SpawnActions&) = delete;
  SpawnActions& operator=(const SpawnActions&) = delete;
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

}  // namespace

Result<ProgramRun> run_program(const std::vector<std::string>& argv, const std::string& stdin_path,
                               std::chrono::milliseconds timeout) {
  if (argv.empty() || argv[0].empty() || argv[0][0] != '/') {
    return Error{ErrorCode::kInternal, "run_program needs an absolute program path"};
  }
  Pipe output;
  if (!output.ok()) return Error{ErrorCode::kIo, std::string("pipe: ") + std::strerror(errno)};
  SpawnActions actions;
  ::posix_spawn_file_actions_addopen(
      actions.get(), 0, stdin_path.empty() ? "/dev/null" : stdin_path.c_str(), O_RDONLY, 0);
  ::posix_spawn_file_actions_adddup2(actions.get(), output.write_end(), 1);
  ::posix_spawn_file_actions_adddup2(actions.get(), output.write_end(), 2);

  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  char path_var[] = "PATH=/usr/bin:/bin";
  char locale_var[] = "LC_ALL=C";
  char* environment[] = {path_var, locale_var, nullptr};

  pid_t pid = 0;
  const int spawned =
      ::posix_spawn(&pid, argv[0].c_str(), actions.get(), nullptr, args.data(), environment);
  if (spawned != 0) {
    return Error{ErrorCode::kIo, "cannot run " + argv[0] + ": " + std::strerror(spawned)};
  }
  output.close_write();

  ProgramRun run;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buffer[4096];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      run.timed_out = true;
      break;
    }
    pollfd fd{output.read_end(), POLLIN, 0};
    const int ready = ::poll(&fd, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      run.timed_out = ready == 0;
      break;
    }
    const ssize_t n = ::read(output.read_end(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EOF: the child closed its output (it is exiting)
    if (run.output.size() < kMaxProgramOutput) run.output.append(buffer, static_cast<size_t>(n));
  }
  // The output is closed; the child may still linger: wait, but never past the deadline.
  int status = 0;
  while (!run.timed_out) {
    const int rc = wait_child(pid, WNOHANG, status);
    if (rc == pid) {
      run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      return run;
    }
    if (rc < 0) return Error{ErrorCode::kIo, "waitpid: " + std::string(std::strerror(errno))};
    if (std::chrono::steady_clock::now() >= deadline) break;
    ::usleep(2000);
  }
  run.timed_out = true;
  ::kill(pid, SIGKILL);
  wait_child(pid, 0, status);
  return run;
}

}  // namespace pushgate
