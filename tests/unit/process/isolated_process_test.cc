#include "core/process/isolated_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "core/process/scratch_dir.h"

namespace pushgate {
namespace {

IsolatedCommand shell(const std::string& script) {
  IsolatedCommand command;
  command.argv = {"/bin/bash", "-c", script};
  command.environment = {"PATH=/usr/bin:/bin", "MARK=set"};
  return command;
}

// A listening TCP socket on 127.0.0.1 (an ephemeral port), closed on destruction.
class Listener {
 public:
  Listener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), size) != 0 || ::listen(fd_, 4) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      return;
    }
    port_ = ntohs(address.sin_port);
  }
  ~Listener() { ::close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(IsolatedProcess, SeparatesOutputAndErrorsAndReportsTheExitCode) {
  Result<IsolatedRun> run = run_isolated(shell("echo out; echo err >&2; exit 3"));
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run.value().exit_code, 3);
  EXPECT_EQ(run.value().output, "out\n");
  EXPECT_EQ(run.value().errors, "err\n");
  EXPECT_FALSE(run.value().timed_out);
}

TEST(IsolatedProcess, GivesTheChildOnlyTheEnvironmentItNamesAndNoStdin) {
  Result<IsolatedRun> run = run_isolated(shell("env | sort; cat; echo end"));
  ASSERT_TRUE(run) << run.error().message;
  // bash adds PWD, SHLVL and _ itself; nothing of the test's own environment leaks through.
  EXPECT_NE(run.value().output.find("MARK=set\n"), std::string::npos);
  EXPECT_EQ(run.value().output.find("HOME="), std::string::npos) << run.value().output;
  EXPECT_TRUE(run.value().output.ends_with("end\n"));
}

TEST(IsolatedProcess, InheritsNoDescriptorOfTheCallerBeyondStdio) {
  const int leaky = ::open("/dev/null", O_RDONLY);  // deliberately without O_CLOEXEC
  ASSERT_GE(leaky, 3);
  const std::string fd = std::to_string(leaky);
  Result<IsolatedRun> run =
      run_isolated(shell("[ -e /proc/$$/fd/" + fd + " ] && echo open || echo closed"));
  ::close(leaky);
  ASSERT_TRUE(run);
  EXPECT_EQ(run.value().output, "closed\n");
}

TEST(IsolatedProcess, RunsInTheGivenDirectory) {
  ScratchDir dir("test");
  IsolatedCommand command = shell("pwd");
  command.directory = dir.path();
  Result<IsolatedRun> run = run_isolated(command);
  ASSERT_TRUE(run);
  EXPECT_EQ(run.value().output, dir.path() + "\n");
}

TEST(IsolatedProcess, KillsTheWholeProcessGroupAtTheTimeLimit) {
  ScratchDir dir("test");
  const std::string pid_file = dir.path() + "/pid";
  IsolatedCommand command = shell("sleep 60 & echo $! > " + pid_file + "; wait");
  command.timeout = std::chrono::milliseconds(300);
  Result<IsolatedRun> run = run_isolated(command);
  ASSERT_TRUE(run);
  EXPECT_TRUE(run.value().timed_out);
  EXPECT_EQ(run.value().exit_code, -1);
  pid_t grandchild = 0;
  std::ifstream(pid_file) >> grandchild;
  ASSERT_GT(grandchild, 0);
  // Killed with its group (a zombie until init reaps it counts as gone: it cannot run).
  for (int i = 0; i < 200 && ::kill(grandchild, 0) == 0; ++i) {
    std::ifstream stat("/proc/" + std::to_string(grandchild) + "/stat");
    std::string pid, name, state;
    stat >> pid >> name >> state;
    if (state == "Z" || state.empty()) break;
    ::usleep(10'000);
  }
  std::ifstream stat("/proc/" + std::to_string(grandchild) + "/stat");
  std::string pid, name, state;
  stat >> pid >> name >> state;
  EXPECT_TRUE(state.empty() || state == "Z") << "the grandchild still runs: " << state;
}

TEST(IsolatedProcess, CutsOutputOverTheLimitAndStopsTheProgram) {
  IsolatedCommand command = shell("yes 0123456789");
  command.max_output = 100'000;
  Result<IsolatedRun> run = run_isolated(command);
  ASSERT_TRUE(run);
  EXPECT_TRUE(run.value().output_truncated);
  EXPECT_LE(run.value().output.size(), 100'000u);
}

TEST(IsolatedProcess, RefusesRelativeProgramsAndReportsOnesThatDoNotStart) {
  IsolatedCommand relative = shell("true");
  relative.argv[0] = "bash";
  EXPECT_FALSE(run_isolated(relative));
  IsolatedCommand missing = shell("true");
  missing.argv[0] = "/nonexistent/program";
  Result<IsolatedRun> run = run_isolated(missing);
  ASSERT_FALSE(run);
  EXPECT_NE(run.error().message.find("/nonexistent/program"), std::string::npos);
  EXPECT_NE(run.error().message.find("No such file"), std::string::npos) << run.error().message;
}

// The network namespace is what keeps a build from reaching anything, the loopback included;
// where the kernel refuses one (some containers), the run says so and the test checks only
// that the flag tells the truth.
TEST(IsolatedProcess, IsolatedChildrenCannotReachEvenTheLoopback) {
  Listener listener;
  ASSERT_GT(listener.port(), 0);
  const std::string connect = "exec 3<>/dev/tcp/127.0.0.1/" + std::to_string(listener.port()) +
                              " && echo connected || echo refused";
  IsolatedCommand open = shell(connect);
  open.isolate_network = false;
  Result<IsolatedRun> shared = run_isolated(open);
  ASSERT_TRUE(shared);
  EXPECT_FALSE(shared.value().network_isolated);
  EXPECT_EQ(shared.value().output, "connected\n");

  Result<IsolatedRun> isolated = run_isolated(shell(connect));
  ASSERT_TRUE(isolated);
  if (!isolated.value().network_isolated) {
    GTEST_SKIP() << "this kernel gives no network namespace to this process";
  }
  EXPECT_EQ(isolated.value().output, "refused\n");
}

// A hook runs as the git server's user, not root: there the namespace comes from an
// unprivileged user namespace that maps that user. Run as nobody in a forked child.
TEST(IsolatedProcess, IsolatesAnUnprivilegedCallerThroughAUserNamespace) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to become another user for the test";
  Listener listener;
  ASSERT_GT(listener.port(), 0);
  const std::string connect = "exec 3<>/dev/tcp/127.0.0.1/" + std::to_string(listener.port()) +
                              " && echo connected || echo refused; id -u";
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
    // Changing uid made this process non-dumpable (its /proc files root's); a process the git
    // user started is not. exec would reset it; without an exec, say it.
    ::prctl(PR_SET_DUMPABLE, 1);
    Result<IsolatedRun> run = run_isolated(shell(connect));
    if (!run) ::_exit(4);
    if (!run.value().network_isolated) ::_exit(2);
    // Refused, and still the same user inside (the map keeps the caller's uid).
    ::_exit(run.value().output == "refused\n65534\n" ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 2) {
    GTEST_SKIP() << "this kernel gives unprivileged processes no user namespace";
  }
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: reached the listener or wrong uid, 3: setuid, 4: run";
}

// Where the namespaces can be made but the user cannot be mapped into them (here: a process
// that changed uid without exec, whose /proc files stay root's), the run fails with a reason
// instead of running the program as the overflow user, or unconfined.
TEST(IsolatedProcess, AnUnmappableUserNamespaceIsAnErrorNotAnUnconfinedRun) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to become another user for the test";
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
    Result<IsolatedRun> run = run_isolated(shell("echo ran"));
    if (run && !run.value().network_isolated) ::_exit(2);  // no user namespaces at all
    ::_exit(run ? 1 : 0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 2) GTEST_SKIP() << "no user namespaces for unprivileged processes";
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: the program ran, 3: setuid";
}

}  // namespace
}  // namespace pushgate
