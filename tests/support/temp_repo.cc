#include "tests/support/temp_repo.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

extern char** environ;

namespace pushgate::testing {
namespace {

namespace fs = std::filesystem;

std::string join_args(const std::vector<std::string>& argv) {
  std::string text;
  for (const std::string& arg : argv) text += (text.empty() ? "" : " ") + arg;
  return text;
}

std::string trim_newline(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern =
      std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/pushgate-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    ADD_FAILURE() << "mkdtemp " << pattern << " failed";
  }
  path_ = fs::canonical(pattern).string();
}

TempDir::TempDir(TempDir&& other) noexcept : path_(std::move(other.path_)) {
  other.path_.clear();
}

TempDir::~TempDir() {
  if (path_.empty()) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void write_file(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) ADD_FAILURE() << "cannot write " << path;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

CommandResult run_command(const std::vector<std::string>& argv, const std::string& cwd,
                          const std::string& input, const std::map<std::string, std::string>& env) {
  CommandResult result;
  // Output goes to files rather than pipes: no deadlock whatever the command prints.
  TempDir io;
  const std::string in_path = io / "stdin", out_path = io / "stdout", err_path = io / "stderr";
  write_file(in_path, input);

  std::map<std::string, std::string> merged;
  for (char** var = environ; *var != nullptr; ++var) {
    std::string entry = *var;
    std::size_t eq = entry.find('=');
    if (eq != std::string::npos) merged[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& [key, value] : env) merged[key] = value;
  std::vector<std::string> env_strings;
  for (const auto& [key, value] : merged) env_strings.push_back(key + "=" + value);
  std::vector<char*> envp;
  for (std::string& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> c_args;
  for (std::string& a : args) c_args.push_back(a.data());
  c_args.push_back(nullptr);

  pid_t pid = fork();
  if (pid < 0) {
    ADD_FAILURE() << "fork failed for " << join_args(argv);
    return result;
  }
  if (pid == 0) {
    int in = open(in_path.c_str(), O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0 ||
        chdir(cwd.c_str()) != 0) {
      _exit(127);
    }
    execvpe(c_args[0], c_args.data(), envp.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  return result;
}

std::map<std::string, std::string> git_test_environment() {
  return {
      {"GIT_CONFIG_GLOBAL", "/dev/null"},
      {"GIT_CONFIG_NOSYSTEM", "1"},
      {"GIT_AUTHOR_NAME", "Test Author"},
      {"GIT_AUTHOR_EMAIL", "author@example.com"},
      {"GIT_COMMITTER_NAME", "Test Committer"},
      {"GIT_COMMITTER_EMAIL", "committer@example.com"},
      {"GIT_AUTHOR_DATE", "2024-01-01T00:00:00Z"},
      {"GIT_COMMITTER_DATE", "2024-01-01T00:00:00Z"},
      {"GIT_TERMINAL_PROMPT", "0"},
  };
}

std::vector<std::string> paths_of(const std::vector<Entry>& entries) {
  std::vector<std::string> paths;
  for (const Entry& e : entries) paths.push_back(e.path);
  return paths;
}

const Entry& entry_at(const std::vector<Entry>& entries, const std::string& path) {
  for (const Entry& e : entries) {
    if (e.path == path) return e;
  }
  ADD_FAILURE() << "no entry " << path;
  static const Entry none;
  return none;
}

TempRepo TempRepo::init() {
  TempRepo repo{TempDir()};
  repo.git({"init", "-q", "-b", "main", "."});
  return repo;
}

TempRepo TempRepo::init_bare() {
  TempRepo repo{TempDir()};
  repo.git({"init", "-q", "--bare", "-b", "main", "."});
  return repo;
}

CommandResult TempRepo::try_git(const std::vector<std::string>& args,
                                const std::map<std::string, std::string>& env) const {
  std::vector<std::string> argv = {"git", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::map<std::string, std::string> merged = git_test_environment();
  for (const auto& [key, value] : env) merged[key] = value;
  return run_command(argv, path(), "", merged);
}

std::string TempRepo::git(const std::vector<std::string>& args, const std::string& input) const {
  std::vector<std::string> argv = {"git", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"};
  argv.insert(argv.end(), args.begin(), args.end());
  CommandResult result = run_command(argv, path(), input, git_test_environment());
  if (result.exit_code != 0) {
    ADD_FAILURE() << "git " << join_args(args) << " failed (" << result.exit_code
                  << "): " << result.err;
  }
  return trim_newline(result.out);
}

void TempRepo::write(const std::string& relative, const std::string& content) const {
  write_file(path() + "/" + relative, content);
}

void TempRepo::remove(const std::string& relative) const {
  std::error_code ec;
  fs::remove_all(path() + "/" + relative, ec);
}

void TempRepo::symlink(const std::string& target, const std::string& relative) const {
  fs::create_directories(fs::path(path() + "/" + relative).parent_path());
  fs::create_symlink(target, path() + "/" + relative);
}

std::string TempRepo::commit_all(const std::string& message) const {
  git({"add", "-A"});
  git({"commit", "-q", "--allow-empty", "-m", message});
  return head();
}

void TempRepo::send_objects(const TempRepo& server, const std::string& revision) const {
  git({"push", "-q", server.path(), "+" + revision + ":refs/pushgate-test/incoming"});
  server.git({"update-ref", "-d", "refs/pushgate-test/incoming"});
}

std::map<std::string, std::string> TempRepo::quarantine(const TempRepo& server,
                                                        const std::string& revision,
                                                        const std::string& quarantine_dir) const {
  // Every object of `revision` not reachable from the server's refs, as one pack.
  std::string have = server.git({"for-each-ref", "--format=^%(objectname)"});
  CommandResult pack = run_command({"git", "pack-objects", "--revs", "--stdout"}, path(),
                                   revision + "\n" + have + "\n", git_test_environment());
  if (pack.exit_code != 0) ADD_FAILURE() << "pack-objects failed: " << pack.err;
  std::map<std::string, std::string> env = git_test_environment();
  env["GIT_DIR"] = server.path();
  env["GIT_OBJECT_DIRECTORY"] = quarantine_dir;
  env["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = server.path() + "/objects";
  env["GIT_QUARANTINE_PATH"] = quarantine_dir;
  fs::create_directories(quarantine_dir);
  CommandResult unpack = run_command({"git", "unpack-objects", "-q"}, server.path(), pack.out, env);
  if (unpack.exit_code != 0) ADD_FAILURE() << "unpack-objects failed: " << unpack.err;
  return {{"GIT_DIR", env["GIT_DIR"]},
          {"GIT_OBJECT_DIRECTORY", quarantine_dir},
          {"GIT_ALTERNATE_OBJECT_DIRECTORIES", env["GIT_ALTERNATE_OBJECT_DIRECTORIES"]},
          {"GIT_QUARANTINE_PATH", quarantine_dir}};
}

}  // namespace pushgate::testing
