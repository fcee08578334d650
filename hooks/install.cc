#include "hooks/install.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/git/repository.h"
#include "hooks/hook_files.h"

namespace pushgate {
namespace {

namespace fs = std::filesystem;

Error io_error(const std::string& what, const std::error_code& ec) {
  return Error{ErrorCode::kIo, what + ": " + ec.message()};
}

struct HookTarget {
  Repository repository;
  std::string name;  // pre-receive or pre-commit
  std::string path;
  std::string chained_path;
};

Result<HookTarget> hook_target(const std::string& repo, bool pre_commit,
                               const std::string& server_hook) {
  if (!pre_commit) {
    Status known = check_server_hook_name(server_hook);
    if (!known) return known.error();
  }
  // A clone is found from any folder inside it; a server repository must be named exactly.
  Result<Repository> repository = pre_commit ? Repository::discover(repo) : Repository::open(repo);
  if (!repository) return Error::wrap(repository.error(), "open " + repo);
  if (pre_commit && repository.value().is_bare()) {
    return Error{ErrorCode::kInvalid, repo +
                                          " is a bare repository; the pre-commit hook belongs "
                                          "in a working clone (use --repo on a bare one)"};
  }
  std::string name = pre_commit ? "pre-commit" : server_hook;
  std::string dir = repository.value().hooks_dir();
  return HookTarget{repository.value(), name, dir + "/" + name, dir + "/" + name + ".chained"};
}

}  // namespace

Status check_server_hook_name(const std::string& hook) {
  if (hook == "pre-receive" || hook == "update") return Status::ok();
  return Error{ErrorCode::kInvalid, "unknown server hook \"" + hook.substr(0, 40) +
                                        "\"; use --hook pre-receive or --hook update"};
}

std::string hook_script(const std::string& hook_name, const std::string& binary,
                        const std::string& config, bool chained) {
  std::string command = shell_quote(binary) + " hook " + hook_name;
  if (!config.empty()) command += " --config " + shell_quote(config);
  // git runs update with <ref> <old> <new>; `--` keeps them positional whatever they say.
  if (hook_name == "update") command += " -- \"$@\"";
  std::ostringstream script;
  script << "#!/bin/sh\n"
         << kManagedHookMarker << ": written by `pushgate install`; `pushgate uninstall` removes it"
         << (chained ? " and puts " + hook_name + ".chained back" : std::string()) << ".\n";
  if (!chained) {
    script << "exec " << command << "\n";
    return script.str();
  }
  script << "# The hook that was here before runs first; if it rejects, so does this one.\n"
         << "chained=\"$(dirname \"$0\")/" << hook_name << ".chained\"\n";
  if (hook_name == "pre-receive") {
    // Both hooks read the same ref updates: keep them, and feed each a copy.
    script << "updates=$(cat)\n"
           << "[ -n \"$updates\" ] && updates=\"$updates\n\"\n"
           << "if [ -x \"$chained\" ]; then\n"
           << "  printf '%s' \"$updates\" | \"$chained\" \"$@\" || exit $?\n"
           << "fi\n"
           << "printf '%s' \"$updates\" | " << command << "\n";
  } else {
    script << "if [ -x \"$chained\" ]; then\n"
           << "  \"$chained\" \"$@\" || exit $?\n"
           << "fi\n"
           << "exec " << command << "\n";
  }
  return script.str();
}

Result<InstalledHook> install_hooks(const InstallOptions& options) {
  if (options.binary.empty() || !fs::path(options.binary).is_absolute()) {
    return Error{ErrorCode::kInvalid,
                 "the pushgate binary must be given by absolute path (hooks run with a minimal "
                 "PATH), got \"" +
                     options.binary + "\""};
  }
  if (access(options.binary.c_str(), X_OK) != 0) {
    return Error{ErrorCode::kInvalid, options.binary + " is not an executable file"};
  }
  // Hooks run inside the repository: a relative --config would silently mean another file.
  Result<std::string> absolute_config = absolute_config_file(options.config);
  if (!absolute_config) return absolute_config.error();
  const std::string config = absolute_config.value();
  Result<HookTarget> found = hook_target(options.repo, options.pre_commit, options.hook);
  if (!found) return found.error();
  const HookTarget& target = found.value();

  std::error_code ec;
  fs::create_directories(fs::path(target.path).parent_path(), ec);
  if (ec) return io_error("create " + fs::path(target.path).parent_path().string(), ec);

  InstalledHook installed;
  installed.path = target.path;
  if (exists_no_follow(target.path) && !is_managed_hook(target.path)) {
    if (options.chain) {
      if (exists_no_follow(target.chained_path)) {
        return Error{
            ErrorCode::kInvalid,
            target.chained_path + " already exists; move it away before chaining " + target.path};
      }
      fs::rename(target.path, target.chained_path, ec);
      if (ec) return io_error("rename " + target.path + " to " + target.chained_path, ec);
    } else if (options.force) {
      installed.replaced_foreign = true;
    } else {
      return Error{ErrorCode::kInvalid,
                   target.path +
                       " exists and was not written by pushgate; use --chain to run it "
                       "before pushgate, or --force to replace it"};
    }
  }
  // A chained hook stays chained on every later install: never orphan someone's hook.
  const bool chained = exists_no_follow(target.chained_path);
  if (chained) installed.chained_path = target.chained_path;
  Status written =
      write_executable(target.path, hook_script(target.name, options.binary, config, chained));
  if (!written) return written.error();
  if (!options.pre_commit) {
    Status advertised = target.repository.set_config_bool("receive.advertisePushOptions", true);
    if (!advertised) return Error::wrap(advertised.error(), "enable push options");
  }
  return installed;
}

Result<UninstalledHook> uninstall_hooks(const UninstallOptions& options) {
  Result<HookTarget> found = hook_target(options.repo, options.pre_commit, options.hook);
  if (!found) return found.error();
  const HookTarget& target = found.value();
  if (!exists_no_follow(target.path)) {
    return Error{ErrorCode::kNotFound, "no " + target.name + " hook at " + target.path};
  }
  if (!is_managed_hook(target.path)) {
    return Error{ErrorCode::kInvalid,
                 target.path + " was not written by pushgate; it is left untouched"};
  }
  std::error_code ec;
  fs::remove(target.path, ec);
  if (ec) return io_error("remove " + target.path, ec);
  UninstalledHook removed;
  removed.path = target.path;
  if (exists_no_follow(target.chained_path)) {
    fs::rename(target.chained_path, target.path, ec);
    if (ec) return io_error("restore " + target.chained_path, ec);
    removed.restored_chained = true;
  }
  return removed;
}

}  // namespace pushgate
