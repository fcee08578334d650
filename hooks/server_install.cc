#include "hooks/server_install.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string_view>

#include "core/base/replace_file.h"
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
  if (!state.system_config.empty()) {
    s << "system_config=" << state.system_config << "\n"
      << "system_config_existed=" << (state.system_config_existed ? "yes" : "no") << "\n";
  }
  s << "hook=" << state.hook << "\n";
  if (!state.config.empty()) s << "config=" << state.config << "\n";
  for (const std::string& r : state.repos) s << "repos=" << r << "\n";
  return replace_file(path, {s.str()});
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

// The whole file; nullopt when there is none.
Result<std::optional<std::string>> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (!fs::exists(path, ec) && !ec) return std::optional<std::string>();
    return Error{ErrorCode::kIo, "read " + path};
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Error{ErrorCode::kIo, "read " + path};
  return std::optional<std::string>(std::move(bytes));
}

// Writes `bytes` into a new file at `path` (created exclusively, `mode`); false on any failure
// (the partial file is removed).
bool write_new_file(const std::string& path, const std::string& bytes, mode_t mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  std::size_t done = 0;
  bool ok = true;
  while (ok && done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ::fchmod(fd, mode) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  if (!ok) ::unlink(path.c_str());
  return ok;
}

// A snapshot of the system config file in the hooks folder, readable by its owner only (the
// file may hold credentials, e.g. http.extraHeader).
Status write_bytes(const std::string& path, const std::string& bytes) {
  return replace_file(path, {bytes}, 0600);
}

// Puts `bytes` back as the config file at `path` the way git itself writes one: through
// `<path>.lock`, created exclusively (a `git config` running now fails rather than racing us),
// with the file's mode kept, renamed over it.
Status restore_config_file(const std::string& path, const std::string& bytes) {
  const std::string lock = path + ".lock";
  struct stat st {};
  const mode_t mode = ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0644;
  if (!write_new_file(lock, bytes, mode)) {
    return Error{ErrorCode::kIo, "write " + lock + " (is a git config running?)"};
  }
  if (::rename(lock.c_str(), path.c_str()) != 0) {
    ::unlink(lock.c_str());
    return Error{ErrorCode::kIo, "write " + path};
  }
  return Status::ok();
}

// True when `text` (a git config file) has a `[name]` section header (not `[name "sub"]`);
// section names are case-insensitive.
bool has_section_header(const std::string& text, std::string_view name) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    const std::size_t at = line.find_first_not_of(" \t");
    if (at == std::string::npos || line[at] != '[') continue;
    const std::size_t close = line.find(']', at);
    if (close == std::string::npos || close - at - 1 != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(line[at + 1 + i])) == name[i];
    }
    if (same) return true;
  }
  return false;
}

bool only_whitespace(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

// After git put the setting back: what git's own writing leaves where there was nothing before
// goes too. A `[core]` header install's `git config` added (there was none before) once no core
// key is left in it; the whole file when there was none before and nothing but blanks is left.
Status tidy_system_config(const ServerState& state, bool core_section_before) {
  Result<std::optional<std::string>> now = read_bytes(state.system_config);
  if (!now) return now.error();
  if (!now.value()) return Status::ok();
  if (!core_section_before && has_section_header(*now.value(), "core")) {
    Result<std::vector<std::string>> names = git_config_names(kSystemScope);
    if (!names) return names.error();
    bool core_keys = false;
    for (const std::string& n : names.value()) {
      core_keys = core_keys || (n.rfind("core.", 0) == 0 && n.find('.', 5) == std::string::npos);
    }
    if (!core_keys) {
      Status removed = git_config_remove_section(kSystemScope, "core");
      if (!removed) return removed;
      now = read_bytes(state.system_config);
      if (!now) return now.error();
      if (!now.value()) return Status::ok();
    }
  }
  if (!state.system_config_existed && only_whitespace(*now.value())) {
    std::error_code ec;
    fs::remove(state.system_config, ec);
    if (ec) return Error{ErrorCode::kIo, "remove " + state.system_config + ": " + ec.message()};
  }
  return Status::ok();
}

// Puts the system core.hooksPath (and the file holding it) back as it was before install.
Status restore_system_config(const std::string& dir, const ServerState& state) {
  std::optional<std::string> before;
  if (!state.system_config.empty()) {
    Result<std::optional<std::string>> after = read_bytes(dir + "/" + kServerConfigAfterFile);
    Result<std::optional<std::string>> current = read_bytes(state.system_config);
    Result<std::optional<std::string>> saved = read_bytes(dir + "/" + kServerConfigBeforeFile);
    if (!after || !current || !saved) {
      return !after ? after.error() : !current ? current.error() : saved.error();
    }
    before = saved.value();
    const bool untouched = after.value() && current.value() && *after.value() == *current.value();
    // Nobody wrote the file since install: its bytes before come back exactly.
    if (untouched && !state.system_config_existed) {
      std::error_code ec;
      fs::remove(state.system_config, ec);
      if (ec) return Error{ErrorCode::kIo, "remove " + state.system_config + ": " + ec.message()};
      return Status::ok();
    }
    if (untouched && before) return restore_config_file(state.system_config, *before);
  }
  // Someone changed the file since (or an older install recorded no snapshot): their changes
  // stay; git puts the one setting back.
  Status restored = state.previous_hooks_path
                        ? git_config_set(kSystemScope, "core.hooksPath", *state.previous_hooks_path)
                        : git_config_unset(kSystemScope, "core.hooksPath");
  if (!restored) return restored;
  if (state.system_config.empty()) return Status::ok();
  // Without a snapshot of a file that existed, assume it had a [core]: keep what is there.
  const bool core_before =
      state.system_config_existed && (!before || has_section_header(*before, "core"));
  return tidy_system_config(state, core_before);
}

// Records the system config file before install: its path, whether it exists, and its bytes.
Status snapshot_system_config_before(const std::string& dir, ServerState& state) {
  Result<std::string> path = git_system_config_path();
  if (!path) return path.error();
  if (path.value().find('\n') != std::string::npos) {
    return Error{ErrorCode::kInvalid, "the system config file name contains a line break"};
  }
  Result<std::optional<std::string>> bytes = read_bytes(path.value());
  if (!bytes) return bytes.error();
  state.system_config = path.value();
  state.system_config_existed = bytes.value().has_value();
  const std::string snapshot = dir + "/" + kServerConfigBeforeFile;
  if (!bytes.value()) {
    std::error_code ec;
    fs::remove(snapshot, ec);
    return Status::ok();
  }
  return write_bytes(snapshot, *bytes.value());
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
    } else if (key == "system_config") {
      state.system_config = value;
    } else if (key == "system_config_existed") {
      state.system_config_existed = value == "yes";
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
    state.system_config = recorded.value().system_config;
    state.system_config_existed = recorded.value().system_config_existed;
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
  if (!installed.reinstalled) {
    Status snapshot = snapshot_system_config_before(dir, state);
    if (!snapshot) return Error::wrap(snapshot.error(), "record the system config file");
  }
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
  // The file as install leaves it: uninstall restores the bytes before only when it still is.
  const std::string after = dir + "/" + kServerConfigAfterFile;
  fs::remove(after, ec);
  if (!state.system_config.empty()) {
    Result<std::optional<std::string>> bytes = read_bytes(state.system_config);
    // Without this snapshot uninstall still restores the setting, with git: not an error.
    if (bytes && bytes.value()) (void)write_bytes(after, *bytes.value());
  }
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
  Status restored = restore_system_config(dir, state.value());
  if (!restored) return Error::wrap(restored.error(), "restore the system core.hooksPath");
  std::error_code ec;
  for (const std::string& name : passthrough_hook_names()) {
    const std::string path = dir + "/" + name;
    if (!exists_no_follow(path) || !is_managed_hook(path)) continue;
    fs::remove(path, ec);
    if (ec) return Error{ErrorCode::kIo, "remove " + path + ": " + ec.message()};
    ++removed.removed_scripts;
  }
  for (const char* file : {kServerConfigBeforeFile, kServerConfigAfterFile, kServerStateFile}) {
    fs::remove(dir + "/" + file, ec);
    if (ec) return Error{ErrorCode::kIo, "remove " + dir + "/" + file + ": " + ec.message()};
  }
  fs::remove(dir, ec);  // only when empty: anything else there stays
  return removed;
}

}  // namespace pushgate
