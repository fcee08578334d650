#pragma once
// Test support: temporary directories, running real commands, and real git repositories built with
// the real `git` binary (no mocks).
//
//   TempRepo repo = TempRepo::init();                 // a working clone on branch main
//   repo.write("clusters/app.yaml", "kind: Pod\n");
//   std::string c1 = repo.commit_all("add app");      // full commit id
//   std::string out = repo.git({"rev-parse", "HEAD"});
//
// git runs with a fixed identity, no global or system config, and no commit signing, so tests do
// not depend on the machine. A failing git command fails the current test (ADD_FAILURE) with its
// stderr.
#include <map>
#include <string>
#include <vector>

#include "core/source/snapshot.h"

namespace pushgate::testing {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&&) = delete;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string operator/(const std::string& relative) const { return path_ + "/" + relative; }

 private:
  std::string path_;
};

struct CommandResult {
  int exit_code = -1;  // -1 when the command could not be started or was killed by a signal
  std::string out;
  std::string err;
};

// Runs argv[0] (looked up in PATH) in `cwd` with `input` on stdin and `env` added to (or
// replacing in) the inherited environment.
CommandResult run_command(const std::vector<std::string>& argv, const std::string& cwd,
                          const std::string& input = "",
                          const std::map<std::string, std::string>& env = {});

// The environment every test git command gets: fixed identity and dates, no user config.
std::map<std::string, std::string> git_test_environment();

// Writes `content` to `path`, creating parent directories.
void write_file(const std::string& path, const std::string& content);
std::string read_file(const std::string& path);

// The paths of `entries`, in order, for comparing listings in one EXPECT_EQ.
std::vector<std::string> paths_of(const std::vector<Entry>& entries);
// The entry at `path` (fails the test and returns an empty entry when there is none).
const Entry& entry_at(const std::vector<Entry>& entries, const std::string& path);

class TempRepo {
 public:
  // A working clone with branch main checked out (no commits yet).
  static TempRepo init();
  // A bare repository.
  static TempRepo init_bare();

  const std::string& path() const { return dir_.path(); }

  // `git ARGS…` in the repository; returns stdout without the trailing newline.
  std::string git(const std::vector<std::string>& args, const std::string& input = "") const;
  // Same, but returns the whole result and does not fail the test on a non-zero exit.
  CommandResult try_git(const std::vector<std::string>& args,
                        const std::map<std::string, std::string>& env = {}) const;

  void write(const std::string& relative, const std::string& content) const;
  void remove(const std::string& relative) const;
  void symlink(const std::string& target, const std::string& relative) const;
  // `git add -A && git commit`; returns the new commit's full id.
  std::string commit_all(const std::string& message) const;
  std::string head() const { return git({"rev-parse", "HEAD"}); }
  // Puts the objects of `revision` into `server` without moving any of its refs: the state the
  // server is in while its pre-receive hook runs (minus the quarantine; see quarantine()).
  void send_objects(const TempRepo& server, const std::string& revision) const;
  // Writes the objects `revision` has and `server` lacks into a fresh directory, as git's
  // receive-pack quarantine does, and returns the hook environment that makes them visible
  // (GIT_DIR, GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES, GIT_QUARANTINE_PATH).
  std::map<std::string, std::string> quarantine(const TempRepo& server, const std::string& revision,
                                                const std::string& quarantine_dir) const;

 private:
  explicit TempRepo(TempDir dir) : dir_(std::move(dir)) {}
  TempDir dir_;
};

}  // namespace pushgate::testing
