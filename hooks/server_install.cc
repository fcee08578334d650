#include "hooks/server_install.h"

#include <fnmatch.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "hooks/git_config_command.h"
#include "hooks/hook_files.h"
#include "hooks/install.h"

namespace pushgate {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kSystemScope{"--system"};

// The lines every server script starts with: the marker, and `chained`, the hook git would have
// run for this name without our core.hooksPath (the previous hooksPath's, else the repository's
// own hooks/), empty when there is none or it is this very script.
std::string script_head(const std::string& hook_name,
                        const std::optional<std::string>& previous_hooks_path) {
  std::ostringstream s;
  s << "#!/bin/sh\n"
    << kManagedHookMarker
    << ": written by `pushgate install --server`; `pushgate uninstall --server` removes it.\n"
    << "# The system core.hooksPath points every repository here: run the " << hook_name
    << " hook git\n# would have run without it.\n"
    << "previous=" << shell_quote(previous_hooks_path.value_or("")) << "\n"
    << "chained=\n"
    << "common=\n"
    << "if [ -n \"$previous\" ]; then\n"
    << "  chained=\"$previous/" << hook_name << "\"\n"
    << "elif common=$(git rev-parse --git-common-dir 2>/dev/null); then\n"
    << "  chained=\"$common/hooks/" << hook_name << "\"\n"
    << "fi\n"
    << "if [ ! -x \"$chained\" ] || [ \"$chained\" -ef \"$0\" ]; then chained=; fi\n";
  return s.str();
}

Status check_repos_pattern(const std::string& pattern) {
  if (pattern.empty() || (pattern[0] != '/' && pattern[0] != '*')) {
    return Error{ErrorCode::kInvalid,
                 "--repos \"" + pattern.substr(0, 80) +
                     "\" must match absolute repository paths: start it with / (or *)"};
  }
  if (pattern.find('\n') != std::string::npos) {
    return Error{ErrorCode::kInvalid, "--repos patterns cannot contain a line break"};
  }
  return Status::ok();
}

Status write_state(const std::string& path, const ServerState& state) {
  std::ostringstream s;
  s << "# pushgate install --server: what `pushgate uninstall --server` restores; do not edit\n";
  if (state.previous_hooks_path) s << "previous_hooks_path=" << *state.previous_hooks_path << "\n";
  s << "hook=" << state.hook << "\n";
  if (!state.config.empty()) s << "config=" << state.config << "\n";
  for (const std::string& r : state.repos) s << "repos=" << r << "\n";
  const std::string temporary = path + ".pushgate-tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << s.str();
    out.flush();
    if (!out) return Error{ErrorCode::kIo, "write " + temporary};
  }
  std::error_code ec;
  fs::rename(temporary, path, ec);
  if (ec) return Error{ErrorCode::kIo, "write " + path + ": " + ec.message()};
  return Status::ok();
}

std::string absolute_dir(const std::string& dir) {
  std::error_code ec;
  std::string text = fs::absolute(dir, ec).lexically_normal().string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

bool same_dir(const std::string& a, const std::string& b) {
  if (absolute_dir(a) == absolute_dir(b)) return true;
  std::error_code ec;
  return fs::equivalent(a, b, ec);
}

}  // namespace

const std::vector<std::string>& passthrough_hook_names() {
  static const std::vector<std::string> names{"applypatch-msg",
                                              "pre-applypatch",
                                              "post-applypatch",
                                              "pre-commit",
                                              "pre-merge-commit",
                                              "prepare-commit-msg",
                                              "commit-msg",
                                              "post-commit",
                                              "pre-rebase",
                                              "post-checkout",
                                              "post-merge",
                                              "pre-push",
                                              "pre-receive",
                                              "update",
                                              "post-receive",
                                              "post-update",
                                              "reference-transaction",
                                              "pre-auto-gc",
                                              "post-rewrite",
                                              "sendemail-validate",
                                              "post-index-change",
                                              "p4-changelist",
                                              "p4-prepare-changelist",
                                              "p4-post-changelist",
                                              "p4-pre-submit"};
  return names;
}

std::string server_passthrough_script(const std::string& hook_name,
                                      const std::optional<std::string>& previous_hooks_path) {
  return script_head(hook_name, previous_hooks_path) +
         "if [ -n \"$chained\" ]; then exec \"$chained\" \"$@\"; fi\n"
         "exit 0\n";
}

std::string server_gate_script(const std::string& hook_name, const std::string& binary,
                               const std::string& config, const std::vector<std::string>& repos,
                               const std::optional<std::string>& previous_hooks_path) {
  const bool update = hook_name == "update";
  std::string command = shell_quote(binary) + " hook " + hook_name;
  if (!config.empty()) command += " --config " + shell_quote(config);
  if (update) command += " -- \"$@\"";
  std::ostringstream s;
  s << script_head(hook_name, previous_hooks_path)
    << "# A repository's own `pushgate install --repo` hook wins: it runs instead of this one.\n"
    << "if [ -n \"$chained\" ] && grep -q '^" << kManagedHookMarker
    << "' \"$chained\" 2>/dev/null; then\n"
    << "  exec \"$chained\" \"$@\"\n"
    << "fi\n";
  if (!update) {
    // The chained hook and pushgate read the same ref updates: keep them, feed each a copy.
    s << "updates=$(cat)\n"
      << "[ -n \"$updates\" ] && updates=\"$updates\n\"\n"
      << "if [ -n \"$chained\" ]; then\n"
      << "  printf '%s' \"$updates\" | \"$chained\" \"$@\" || exit $?\n"
      << "fi\n";
  } else {
    s << "if [ -n \"$chained\" ]; then\n"
      << "  \"$chained\" \"$@\" || exit $?\n"
      << "fi\n";
  }
  // The other gate hook, installed by `pushgate install --repo --hook ...` in the repository
  // itself, judges the push already (its pass-through runs it): do not judge it twice.
  const std::string other = update ? "pre-receive" : "update";
  s << "if [ -n \"$common\" ] && grep -q '^" << kManagedHookMarker << "' \"$common/hooks/" << other
    << "\" 2>/dev/null; then\n"
    << "  exit 0\n"
    << "fi\n";
  if (!repos.empty()) {
    s << "# --repos: only repositories whose path matches are judged (sh patterns).\n";
    std::string alternatives;
    for (std::size_t i = 0; i < repos.size(); ++i) {
      s << "repos" << i << "=" << shell_quote(repos[i]) << "\n";
      alternatives += (i ? "|$repos" : "$repos") + std::to_string(i);
    }
    s << "repository=$(cd \"${GIT_DIR:-.}\" && pwd -P) || exit 1\n"
      << "case \"$repository\" in\n"
      << "  " << alternatives << ") ;;\n"
      << "  *) exit 0 ;;\n"
      << "esac\n";
  }
  if (update) {
    s << "exec " << command << "\n";
  } else {
    s << "printf '%s' \"$updates\" | " << command << "\n";
  }
  return s.str();
}

Result<ServerState> read_server_state(const std::string& hooks_dir) {
  const std::string path = hooks_dir + "/" + kServerStateFile;
  std::ifstream in(path);
  if (!in) return Error{ErrorCode::kNotFound, "no server-wide install in " + hooks_dir};
  ServerState state;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t eq = line.find('=');
    if (eq == std::string::npos) {
      return Error{ErrorCode::kInvalid, path + ": not a key=value line: " + line.substr(0, 80)};
    }
    const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "previous_hooks_path") {
      state.previous_hooks_path = value;
    } else if (key == "hook") {
      state.hook = value;
    } else if (key == "config") {
      state.config = value;
    } else if (key == "repos") {
      state.repos.push_back(value);
    } else {
      return Error{ErrorCode::kInvalid, path + ": unknown key \"" + key.substr(0, 40) + "\""};
    }
  }
  return state;
}

bool server_state_matches(const ServerState& state, const std::string& repository) {
  if (state.repos.empty()) return true;
  for (const std::string& pattern : state.repos) {
    // sh `case` patterns: no FNM_PATHNAME (so * crosses /), no FNM_PERIOD.
    if (fnmatch(pattern.c_str(), repository.c_str(), 0) == 0) return true;
  }
  return false;
}

Result<ServerInstalled> install_server_hooks(const ServerInstallOptions& options) {
  if (Status binary = check_hook_binary(options.binary); !binary) return binary.error();
  Status hook_ok = check_server_hook_name(options.hook);
  if (!hook_ok) return hook_ok.error();
  for (const std::string& pattern : options.repos) {
    Status ok = check_repos_pattern(pattern);
    if (!ok) return ok.error();
  }
  Result<std::string> absolute_config = absolute_config_file(options.config);
  if (!absolute_config) return absolute_config.error();
  const std::string config = absolute_config.value();
  const std::string dir = absolute_dir(options.hooks_dir);
  if (dir.find('\n') != std::string::npos) {
    return Error{ErrorCode::kInvalid, "--hooks-dir cannot contain a line break"};
  }

  Result<std::optional<std::string>> current = git_config_get(kSystemScope, "core.hooksPath");
  if (!current) return Error::wrap(current.error(), "read the system core.hooksPath");
  ServerInstalled installed;
  installed.hooks_dir = dir;
  ServerState state;
  Result<ServerState> recorded = read_server_state(dir);
  if (recorded) {
    if (!current.value() || !same_dir(*current.value(), dir)) {
      return Error{ErrorCode::kInvalid,
                   dir + " holds a server install, but the system core.hooksPath is " +
                       (current.value() ? "\"" + *current.value() + "\"" : "unset") +
                       " now; run `pushgate uninstall --server --hooks-dir " + dir +
                       "` or set it back before installing again"};
    }
    state.previous_hooks_path = recorded.value().previous_hooks_path;
    installed.reinstalled = true;
  } else if (recorded.error().code != ErrorCode::kNotFound) {
    return recorded.error();
  } else if (current.value() && same_dir(*current.value(), dir)) {
    return Error{ErrorCode::kInvalid,
                 "the system core.hooksPath already is " + dir +
                     " (not written by pushgate): give pushgate its own --hooks-dir, and the "
                     "hooks there will run first"};
  } else {
    state.previous_hooks_path = current.value();
  }
  state.hook = options.hook;
  state.config = config;
  state.repos = options.repos;
  installed.previous_hooks_path = state.previous_hooks_path;

  // Refuse before writing anything when a hook there is someone else's.
  std::vector<std::string> names = passthrough_hook_names();
  for (const std::string& name : names) {
    const std::string path = dir + "/" + name;
    if (exists_no_follow(path) && !is_managed_hook(path)) {
      return Error{ErrorCode::kInvalid, path +
                                            " exists and was not written by pushgate; move it "
                                            "away or choose another --hooks-dir"};
    }
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Error{ErrorCode::kIo, "create " + dir + ": " + ec.message()};
  // The state first: from here on, uninstall can put everything back.
  Status saved = write_state(dir + "/" + kServerStateFile, state);
  if (!saved) return saved.error();
  for (const std::string& name : names) {
    const std::string script = name == options.hook
                                   ? server_gate_script(name, options.binary, config, options.repos,
                                                        state.previous_hooks_path)
                                   : server_passthrough_script(name, state.previous_hooks_path);
    Status written = write_executable(dir + "/" + name, script);
    if (!written) return written.error();
  }
  Status set = git_config_set(kSystemScope, "core.hooksPath", dir);
  if (!set) return Error::wrap(set.error(), "point the system core.hooksPath at " + dir);
  return installed;
}

Result<ServerUninstalled> uninstall_server_hooks(const ServerUninstallOptions& options) {
  const std::string dir = absolute_dir(options.hooks_dir);
  Result<ServerState> state = read_server_state(dir);
  if (!state) return state.error();
  Result<std::optional<std::string>> current = git_config_get(kSystemScope, "core.hooksPath");
  if (!current) return Error::wrap(current.error(), "read the system core.hooksPath");
  if (!current.value() || !same_dir(*current.value(), dir)) {
    return Error{ErrorCode::kInvalid,
                 "the system core.hooksPath is " +
                     (current.value() ? "\"" + *current.value() + "\"" : std::string("unset")) +
                     ", not " + dir + ": someone changed it after install; nothing was touched"};
  }
  ServerUninstalled removed;
  removed.hooks_dir = dir;
  removed.restored_hooks_path = state.value().previous_hooks_path;
  // git's setting first: once it no longer points here, the scripts are unused.
  Status restored =
      state.value().previous_hooks_path
          ? git_config_set(kSystemScope, "core.hooksPath", *state.value().previous_hooks_path)
          : git_config_unset(kSystemScope, "core.hooksPath");
  if (!restored) return Error::wrap(restored.error(), "restore the system core.hooksPath");
  std::error_code ec;
  for (const std::string& name : passthrough_hook_names()) {
    const std::string path = dir + "/" + name;
    if (!exists_no_follow(path) || !is_managed_hook(path)) continue;
    fs::remove(path, ec);
    if (ec) return Error{ErrorCode::kIo, "remove " + path + ": " + ec.message()};
    ++removed.removed_scripts;
  }
  fs::remove(dir + "/" + kServerStateFile, ec);
  if (ec)
    return Error{ErrorCode::kIo, "remove " + dir + "/" + kServerStateFile + ": " + ec.message()};
  fs::remove(dir, ec);  // only when empty: anything else there stays
  return removed;
}

}  // namespace pushgate
