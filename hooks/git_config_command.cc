#include "hooks/git_config_command.h"

#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <string_view>

#include "core/process/isolated_process.h"

extern char** environ;

namespace pushgate {
namespace {

// `editor`: when not empty, GIT_EDITOR for this run (any GIT_EDITOR inherited is dropped).
Result<IsolatedRun> run_git(std::vector<std::string> arguments, const std::string& editor = {}) {
  const std::string git = find_on_path("git");
  if (git.empty()) return Error{ErrorCode::kNotFound, "git is not on PATH"};
  IsolatedCommand command;
  command.argv.push_back(git);
  for (std::string& a : arguments) command.argv.push_back(std::move(a));
  for (char** e = environ; *e != nullptr; ++e) {
    if (!editor.empty() && std::string_view(*e).starts_with("GIT_EDITOR=")) continue;
    command.environment.emplace_back(*e);
  }
  if (!editor.empty()) command.environment.push_back("GIT_EDITOR=" + editor);
  command.isolate_network = false;
  command.timeout = std::chrono::seconds(30);
  return run_isolated(command);
}

std::string describe(const std::vector<std::string>& argv) {
  std::string text = "git";
  for (const std::string& a : argv) text += " " + a;
  return text;
}

std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  return line.size() > 200 ? line.substr(0, 200) + "…" : line;
}

Result<std::optional<std::string>> get(std::vector<std::string> argv) {
  const std::string what = describe(argv);
  Result<IsolatedRun> run = run_git(std::move(argv));
  if (!run) return Error::wrap(run.error(), what);
  // git config --get: 0 found, 1 not set; anything else is a real failure.
  if (run.value().exit_code == 1) return std::optional<std::string>();
  if (run.value().exit_code != 0) {
    return Error{ErrorCode::kIo, what + " failed: " + first_line(run.value().errors)};
  }
  std::string value = run.value().output;
  if (!value.empty() && value.back() == '\n') value.pop_back();
  return std::optional<std::string>(value);
}

// Runs `git config <scope...> <arguments...>`. Exit 0, or a status `tolerated` accepts, is the
// run; anything else is an error naming the command and git's first line of complaint.
Result<IsolatedRun> git_config(const std::vector<std::string>& scope,
                               const std::vector<std::string>& arguments,
                               bool (*tolerated)(const IsolatedRun&) = nullptr) {
  std::vector<std::string> argv{"config"};
  argv.insert(argv.end(), scope.begin(), scope.end());
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  const std::string what = describe(argv);
  Result<IsolatedRun> run = run_git(std::move(argv));
  if (!run) return Error::wrap(run.error(), what);
  if (run.value().exit_code != 0 && (tolerated == nullptr || !tolerated(run.value()))) {
    return Error{ErrorCode::kIo, what + " failed: " + first_line(run.value().errors)};
  }
  return run;
}

}  // namespace

std::string find_on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    std::string candidate = dir + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

Result<std::optional<std::string>> git_config_get(const std::vector<std::string>& scope,
                                                  const std::string& key) {
  std::vector<std::string> argv{"config"};
  argv.insert(argv.end(), scope.begin(), scope.end());
  argv.push_back("--get");
  argv.push_back(key);
  return get(std::move(argv));
}

Result<std::optional<std::string>> git_config_get_in_repo(const std::string& git_dir,
                                                          const std::string& key) {
  return get({"--git-dir=" + git_dir, "config", "--get", key});
}

Status git_config_set(const std::vector<std::string>& scope, const std::string& key,
                      const std::string& value) {
  Result<IsolatedRun> run = git_config(scope, {key, value});
  if (!run) return run.error();
  return Status::ok();
}

Status git_config_unset(const std::vector<std::string>& scope, const std::string& key) {
  // 5: the key was not set, which is what we want.
  Result<IsolatedRun> run = git_config(scope, {"--unset-all", key},
                                       [](const IsolatedRun& r) { return r.exit_code == 5; });
  if (!run) return run.error();
  return Status::ok();
}

Result<std::vector<std::string>> git_config_names(const std::vector<std::string>& scope) {
  // An empty file lists nothing (exit 0); a missing one is an error (128): ask only of a file.
  Result<IsolatedRun> run = git_config(scope, {"--name-only", "--list"});
  if (!run) return run.error();
  std::vector<std::string> names;
  std::istringstream lines(run.value().output);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty()) names.push_back(line);
  }
  return names;
}

Status git_config_remove_section(const std::vector<std::string>& scope, const std::string& name) {
  // 128 with "no such section": there is nothing to remove, which is what we want.
  Result<IsolatedRun> run = git_config(scope, {"--remove-section", name}, [](const IsolatedRun& r) {
    return r.errors.find("no such section") != std::string::npos;
  });
  if (!run) return run.error();
  return Status::ok();
}

Result<std::string> git_system_config_path() {
  // git runs the editor through sh with the file name as its argument; printf prints it
  // unchanged (no line break added, none lost).
  Result<IsolatedRun> run = run_git({"config", "--system", "--edit"}, "printf %s");
  if (!run) return Error::wrap(run.error(), "git config --system --edit");
  if (run.value().exit_code != 0 || run.value().output.empty()) {
    return Error{ErrorCode::kIo,
                 "cannot learn the system config file from git config --system "
                 "--edit: " +
                     first_line(run.value().errors)};
  }
  return run.value().output;
}

}  // namespace pushgate
