#include "core/process/isolated_process.h"

#include <elf.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "core/process/pipe.h"
#include "core/process/wait_child.h"

namespace pushgate {
namespace {

// What the child tells the parent through the status pipe before it execs.
constexpr char kNetworkIsolated = 'I';
constexpr char kNetworkShared = 'S';
constexpr char kRootConfined = 'R';
constexpr char kRootShared = 'U';
constexpr char kExecFailed = 'E';  // followed by errno, sizeof(int) bytes

// An open file that closes itself.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd = -1) : fd_(fd) {}
  ~FileDescriptor() { reset(-1); }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  void reset(int fd) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// Writes all of `text` to `path`; async-signal-safe (it runs between fork and exec).
bool write_file(const char* path, const char* text) {
  const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const std::size_t size = std::strlen(text);
  const bool ok = ::write(fd, text, size) == static_cast<ssize_t>(size);
  ::close(fd);
  return ok;
}

// Everything the child needs, prepared before fork: after it only async-signal-safe calls.
struct ChildPlan {
  std::vector<char*> argv;
  std::vector<char*> environment;
  const char* directory = nullptr;
  // The chroot: the folder, the program opened before (fexecve), and what applies inside.
  const char* root = nullptr;
  int program_fd = -1;
  const char* directory_confined = nullptr;
  std::vector<char*> environment_confined;
  bool isolate_network = false;
  std::string uid_map;  // "<uid> <uid> 1": the caller's identity, kept inside a user namespace
  std::string gid_map;
};

// A new network namespace: directly when privileged (root), else inside a new user namespace
// that maps the caller's own uid and gid, so the files pushgate wrote stay readable.
enum class Namespace : std::uint8_t { kIsolated, kShared, kUnmapped };

Namespace enter_network_namespace(const ChildPlan& plan) {
  if (::unshare(CLONE_NEWNET) == 0) return Namespace::kIsolated;
  if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) return Namespace::kShared;
  // In the new namespaces already: without the map the program would run as the overflow user
  // and read nothing; that is a failure to report, not a reason to run unconfined.
  const bool mapped = write_file("/proc/self/setgroups", "deny") &&
                      write_file("/proc/self/uid_map", plan.uid_map.c_str()) &&
                      write_file("/proc/self/gid_map", plan.gid_map.c_str());
  return mapped ? Namespace::kIsolated : Namespace::kUnmapped;
}

[[noreturn]] void report_failure(int status_fd);

[[noreturn]] void run_child(const ChildPlan& plan, int status_fd, int out_fd, int err_fd) {
  ::setpgid(0, 0);
  const Namespace ns = plan.isolate_network ? enter_network_namespace(plan) : Namespace::kShared;
  const int null_fd = ::open("/dev/null", O_RDONLY);
  // The root of its own: only with the program already open (nothing to exec is inside).
  const bool confined = ns != Namespace::kUnmapped && plan.root != nullptr &&
                        plan.program_fd >= 0 && ::chroot(plan.root) == 0;
  const char state[2] = {ns == Namespace::kShared ? kNetworkShared : kNetworkIsolated,
                         confined ? kRootConfined : kRootShared};
  (void)::write(status_fd, state, 2);
  if (ns == Namespace::kUnmapped) report_failure(status_fd);
  const char* directory = confined ? plan.directory_confined : plan.directory;
  if (null_fd < 0 || ::dup2(null_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd, 2) < 0 ||
      (confined && ::chdir("/") != 0) || (directory != nullptr && ::chdir(directory) != 0)) {
    report_failure(status_fd);
  }
  // Whatever else the hook process has open (repository files, the audit log and its lock)
  // must not reach the program: every descriptor above stderr closes at exec. Kernels before
  // 5.11 lack the flag; there the descriptors pushgate opens itself are O_CLOEXEC anyway.
  (void)::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
  if (confined) {
    ::fexecve(plan.program_fd, plan.argv.data(),
              const_cast<char**>(plan.environment_confined.data()));
  } else {
    ::execve(plan.argv[0], plan.argv.data(), plan.environment.data());
  }
  report_failure(status_fd);
}

// Tells the parent why the child could not exec, and exits.
[[noreturn]] void report_failure(int status_fd) {
  const int error = errno;
  (void)::write(status_fd, &kExecFailed, 1);
  (void)::write(status_fd, &error, sizeof error);
  ::_exit(127);
}

ssize_t read_some(int fd, char* buffer, std::size_t size) {
  ssize_t n = 0;
  do {
    n = ::read(fd, buffer, size);
  } while (n < 0 && errno == EINTR);
  return n;
}

}  // namespace

bool statically_linked(const std::string& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return false;
  Elf64_Ehdr header{};
  if (::pread(fd.get(), &header, sizeof header, 0) != static_cast<ssize_t>(sizeof header) ||
      std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 || header.e_ident[EI_CLASS] != ELFCLASS64 ||
      header.e_phentsize != sizeof(Elf64_Phdr)) {
    return false;
  }
  for (unsigned i = 0; i < header.e_phnum; ++i) {
    Elf64_Phdr segment{};
    const off_t at = static_cast<off_t>(header.e_phoff + i * sizeof(Elf64_Phdr));
    if (::pread(fd.get(), &segment, sizeof segment, at) != static_cast<ssize_t>(sizeof segment)) {
      return false;
    }
    if (segment.p_type == PT_INTERP) return false;
  }
  return header.e_type == ET_EXEC || header.e_type == ET_DYN;
}

Result<IsolatedRun> run_isolated(const IsolatedCommand& command) {
  if (command.argv.empty() || command.argv[0].empty() || command.argv[0][0] != '/') {
    return Error{ErrorCode::kInternal, "run_isolated needs an absolute program path"};
  }
  ChildPlan plan;
  for (const std::string& a : command.argv) plan.argv.push_back(const_cast<char*>(a.c_str()));
  plan.argv.push_back(nullptr);
  for (const std::string& e : command.environment) {
    plan.environment.push_back(const_cast<char*>(e.c_str()));
  }
  plan.environment.push_back(nullptr);
  if (!command.directory.empty()) plan.directory = command.directory.c_str();
  plan.isolate_network = command.isolate_network;
  // The program is opened here, before the chroot hides it; only a static one can run inside.
  FileDescriptor program;
  if (!command.root.empty() && statically_linked(command.argv[0])) {
    program.reset(::open(command.argv[0].c_str(), O_RDONLY | O_CLOEXEC));
    plan.root = command.root.c_str();
    plan.program_fd = program.get();
    plan.directory_confined =
        command.directory_confined.empty() ? "/" : command.directory_confined.c_str();
    for (const std::string& e : command.environment_confined) {
      plan.environment_confined.push_back(const_cast<char*>(e.c_str()));
    }
    plan.environment_confined.push_back(nullptr);
  }
  plan.uid_map = std::to_string(::getuid()) + " " + std::to_string(::getuid()) + " 1";
  plan.gid_map = std::to_string(::getgid()) + " " + std::to_string(::getgid()) + " 1";

  Pipe status;
  Pipe output;
  Pipe errors;
  if (!status.ok() || !output.ok() || !errors.ok()) {
    return Error{ErrorCode::kIo, std::string("pipe: ") + std::strerror(errno)};
  }
  const pid_t pid = ::fork();
  if (pid < 0) return Error{ErrorCode::kIo, std::string("fork: ") + std::strerror(errno)};
  if (pid == 0) run_child(plan, status.write_end(), output.write_end(), errors.write_end());
  ::setpgid(pid, pid);  // also in the parent, so the group exists before any kill below
  status.close_write();
  output.close_write();
  errors.close_write();

  IsolatedRun run;
  // The status pipe closes at exec (O_CLOEXEC) or when the child gives up.
  char state[3 + sizeof(int)] = {};
  std::size_t got = 0;
  for (ssize_t n = 0; got < sizeof state &&
                      (n = read_some(status.read_end(), state + got, sizeof state - got)) > 0;) {
    got += static_cast<std::size_t>(n);
  }
  run.network_isolated = got >= 1 && state[0] == kNetworkIsolated;
  run.root_confined = got >= 2 && state[1] == kRootConfined;
  if (got >= 3 && state[2] == kExecFailed) {
    int status_code = 0;
    wait_child(pid, 0, status_code);
    int child_errno = 0;
    if (got == sizeof state) std::memcpy(&child_errno, state + 3, sizeof child_errno);
    return Error{ErrorCode::kIo,
                 "cannot run " + command.argv[0] + ": " + std::strerror(child_errno)};
  }

  const auto deadline = std::chrono::steady_clock::now() + command.timeout;
  char buffer[65536];
  bool output_open = true;
  bool errors_open = true;
  while (output_open || errors_open) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      run.timed_out = true;
      break;
    }
    pollfd fds[2] = {{output_open ? output.read_end() : -1, POLLIN, 0},
                     {errors_open ? errors.read_end() : -1, POLLIN, 0}};
    const int ready = ::poll(fds, 2, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) break;
    if (ready == 0) {
      run.timed_out = true;
      break;
    }
    if (fds[0].revents != 0) {
      const ssize_t n = read_some(output.read_end(), buffer, sizeof buffer);
      if (n <= 0) {
        output_open = false;
      } else if (run.output.size() + static_cast<std::size_t>(n) > command.max_output) {
        run.output_truncated = true;
        break;  // a build larger than allowed: stop it rather than buffer without end
      } else {
        run.output.append(buffer, static_cast<std::size_t>(n));
      }
    }
    if (fds[1].revents != 0) {
      const ssize_t n = read_some(errors.read_end(), buffer, sizeof buffer);
      if (n <= 0) {
        errors_open = false;
      } else if (run.errors.size() < command.max_errors) {
        run.errors.append(
            buffer, std::min(static_cast<std::size_t>(n), command.max_errors - run.errors.size()));
      }
    }
  }
  int status_code = 0;
  while (!run.timed_out && !run.output_truncated) {
    const int rc = wait_child(pid, WNOHANG, status_code);
    if (rc == pid) {
      run.exit_code = WIFEXITED(status_code) ? WEXITSTATUS(status_code) : -1;
      ::kill(-pid, SIGKILL);  // anything it left behind in its group
      return run;
    }
    if (rc < 0) return Error{ErrorCode::kIo, "waitpid: " + std::string(std::strerror(errno))};
    if (std::chrono::steady_clock::now() >= deadline) {
      run.timed_out = true;
      break;
    }
    ::usleep(1000);
  }
  ::kill(-pid, SIGKILL);
  ::kill(pid, SIGKILL);
  wait_child(pid, 0, status_code);
  return run;
}

}  // namespace pushgate
