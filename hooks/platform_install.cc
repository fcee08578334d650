#include "hooks/platform_install.h"

#include <unistd.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "core/base/did_you_mean.h"
#include "core/process/isolated_process.h"
#include "hooks/git_config_command.h"
#include "hooks/hook_files.h"
#include "hooks/install.h"

extern char** environ;

namespace pushgate {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 4> kPlatformNames = {"gitea", "forgejo", "gitlab",
                                                            "gitolite"};

// The script's name beside the platform's own (Gitea's is `gitea` in the same folder).
constexpr const char* kScriptName = "pushgate";

bool is_directory(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

bool is_bare_repository(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "HEAD", ec) && fs::is_directory(dir / "objects", ec) &&
         fs::is_directory(dir / "refs", ec);
}

// Every script path install writes for these options, with its hook name.
struct Target {
  std::string path;
  std::string hook;
};

Result<std::vector<Target>> gitea_targets(const PlatformInstallOptions& o) {
  std::vector<std::string> repos;
  if (!o.repo.empty()) {
    repos.push_back(o.repo);
  } else if (!o.root.empty()) {
    std::error_code ec;
    fs::recursive_directory_iterator it(o.root, fs::directory_options::skip_permission_denied, ec);
    if (ec) return Error{ErrorCode::kNotFound, "read " + o.root + ": " + ec.message()};
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) return Error{ErrorCode::kIo, "read " + o.root + ": " + ec.message()};
      if (!it->is_directory(ec) || !is_bare_repository(it->path())) continue;
      it.disable_recursion_pending();
      repos.push_back(it->path().string());
    }
    if (repos.empty()) {
      return Error{ErrorCode::kNotFound, "no bare repositories under " + o.root};
    }
  } else {
    return Error{ErrorCode::kInvalid,
                 "--platform gitea needs --repo REPO or --root DIR (Gitea's repository root, "
                 "[repository] ROOT in app.ini)"};
  }
  std::vector<Target> targets;
  for (const std::string& repo : repos) {
    const std::string dispatch = repo + "/hooks/" + o.hook + ".d";
    if (!is_directory(dispatch)) {
      return Error{ErrorCode::kNotFound,
                   repo + " has no hooks/" + o.hook +
                       ".d/ (Gitea writes it with its dispatcher): is it a Gitea repository? "
                       "`gitea admin regenerate hooks` writes them again"};
    }
    targets.push_back({dispatch + "/" + kScriptName, o.hook});
  }
  return targets;
}

Result<std::vector<Target>> gitlab_targets(const PlatformInstallOptions& o) {
  if (!o.repo.empty() && !o.hooks_dir.empty()) {
    return Error{ErrorCode::kInvalid, "give --repo (one project) or --hooks-dir (every project)"};
  }
  if (!o.repo.empty()) {
    if (!is_bare_repository(o.repo)) {
      return Error{ErrorCode::kNotFound, o.repo + " is not a bare repository"};
    }
    return std::vector<Target>{{o.repo + "/custom_hooks/" + o.hook + ".d/" + kScriptName, o.hook}};
  }
  if (!o.hooks_dir.empty()) {
    return std::vector<Target>{{o.hooks_dir + "/" + o.hook + ".d/" + kScriptName, o.hook}};
  }
  return Error{ErrorCode::kInvalid,
               "--platform gitlab needs --repo REPO (its custom_hooks/) or --hooks-dir DIR "
               "(gitaly's hooks.custom_hooks_dir)"};
}

// A string setting of .gitolite.rc (`KEY => "value",`), with $ENV{HOME} resolved; "" when it is
// not set (or commented out).
std::string gitolite_rc_string(const std::string& home, const std::string& key) {
  std::ifstream rc(home + "/.gitolite.rc");
  std::string line;
  while (std::getline(rc, line)) {
    std::size_t at = line.find_first_not_of(" \t");
    if (at == std::string::npos || line.compare(at, key.size(), key) != 0) continue;
    const std::size_t after = line.find_first_not_of(" \t", at + key.size());
    if (after == std::string::npos || line.compare(after, 2, "=>") != 0) continue;
    const std::size_t open = line.find('"', at);
    const std::size_t close = open == std::string::npos ? open : line.find('"', open + 1);
    if (close == std::string::npos) continue;
    std::string value = line.substr(open + 1, close - open - 1);
    const std::string home_var = "$ENV{HOME}";
    if (value.rfind(home_var, 0) == 0) value = home + value.substr(home_var.size());
    return value;
  }
  return {};
}

std::string gitolite_local_code(const std::string& home) {
  return gitolite_rc_string(home, "LOCAL_CODE");
}

// Where gitolite keeps its repositories: GL_REPO_BASE, by default ~/repositories.
std::string gitolite_repo_base(const std::string& home) {
  std::string base = gitolite_rc_string(home, "GL_REPO_BASE");
  if (base.empty()) return home + "/repositories";
  if (base[0] != '/') base = home + "/" + base;  // gitolite reads it relative to $HOME
  return base;
}

// gitolite links what is in hooks/common (and, for repo-specific-hooks, each named script) into
// every repository's hooks/ with a symbolic link to its absolute path. Once our script is gone
// those links dangle: remove every link under `base`'s repositories that points at exactly one of
// `removed`, and nothing else (gitolite's own links, other hooks, other links stay).
Result<std::vector<std::string>> remove_gitolite_links(const std::string& base,
                                                       const std::vector<std::string>& removed) {
  std::vector<std::string> links;
  std::error_code ec;
  if (!is_directory(base)) return links;
  fs::recursive_directory_iterator it(base, fs::directory_options::skip_permission_denied, ec);
  if (ec) return Error{ErrorCode::kIo, "read " + base + ": " + ec.message()};
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return Error{ErrorCode::kIo, "read " + base + ": " + ec.message()};
    if (it->is_symlink(ec) || !it->is_directory(ec)) continue;
    if (it->path().extension() != ".git") continue;
    it.disable_recursion_pending();
    fs::directory_iterator hooks(it->path() / "hooks", ec);
    if (ec) {
      ec.clear();
      continue;
    }
    for (; hooks != fs::directory_iterator(); hooks.increment(ec)) {
      if (ec) break;
      if (!hooks->is_symlink(ec)) continue;
      const fs::path target = fs::read_symlink(hooks->path(), ec);
      if (ec) continue;
      const std::string normal = target.lexically_normal().string();
      bool ours = false;
      for (const std::string& r : removed) ours = ours || fs::path(r).lexically_normal() == normal;
      if (!ours) continue;
      fs::remove(hooks->path(), ec);
      if (ec)
        return Error{ErrorCode::kIo, "remove " + hooks->path().string() + ": " + ec.message()};
      links.push_back(hooks->path().string());
    }
    ec.clear();
  }
  return links;
}

bool gitolite_feature_enabled(const std::string& home, const std::string& feature) {
  std::ifstream rc(home + "/.gitolite.rc");
  std::string line;
  const std::string quoted = "'" + feature + "'";
  while (std::getline(rc, line)) {
    std::size_t at = line.find_first_not_of(" \t");
    if (at != std::string::npos && line.compare(at, quoted.size(), quoted) == 0) return true;
  }
  return false;
}

std::string gitolite_home(const PlatformInstallOptions& o) {
  if (!o.gitolite_home.empty()) return o.gitolite_home;
  const char* home = std::getenv("HOME");
  return home ? home : "";
}

Result<std::vector<Target>> gitolite_targets(const PlatformInstallOptions& o) {
  if (o.hook != "pre-receive") {
    return Error{ErrorCode::kInvalid,
                 "gitolite's own update hook enforces its access rules; install pushgate as "
                 "pre-receive"};
  }
  const std::string home = gitolite_home(o);
  if (home.empty() || !fs::exists(home + "/.gitolite.rc")) {
    return Error{ErrorCode::kNotFound,
                 "no .gitolite.rc in \"" + home +
                     "\": run this as the gitolite user, or give --gitolite-home"};
  }
  const std::string local = gitolite_local_code(home);
  if (local.empty()) {
    return Error{ErrorCode::kInvalid, "LOCAL_CODE is not enabled in " + home +
                                          "/.gitolite.rc: uncomment `LOCAL_CODE => "
                                          "\"$ENV{HOME}/local\",` there"};
  }
  if (o.repo_specific) {
    if (!gitolite_feature_enabled(home, "repo-specific-hooks")) {
      return Error{ErrorCode::kInvalid, "the repo-specific-hooks feature is not enabled in " +
                                            home +
                                            "/.gitolite.rc: uncomment 'repo-specific-hooks', "
                                            "there"};
    }
    return std::vector<Target>{{local + "/hooks/repo-specific/" + kScriptName, "pre-receive"}};
  }
  return std::vector<Target>{{local + "/hooks/common/pre-receive", "pre-receive"}};
}

Result<std::vector<Target>> targets_of(const PlatformInstallOptions& o) {
  Status hook_ok = check_server_hook_name(o.hook);
  if (!hook_ok) return hook_ok.error();
  switch (o.platform) {
    case Platform::kGitea:
    case Platform::kForgejo:
      return gitea_targets(o);
    case Platform::kGitlab:
      return gitlab_targets(o);
    case Platform::kGitolite:
      return gitolite_targets(o);
  }
  return Error{ErrorCode::kInternal, "unknown platform"};
}

// `gitolite setup --hooks-only` links hooks/common into every repository; it must run as the
// gitolite user, which is who we are when HOME is its home.
std::string gitolite_setup_hooks(const PlatformInstallOptions& o) {
  const std::string manual =
      "run `gitolite setup --hooks-only` as the gitolite user to link it into every repository";
  const char* home = std::getenv("HOME");
  const std::string gitolite = find_on_path("gitolite");
  if (gitolite.empty() || home == nullptr || gitolite_home(o) != home) return manual;
  IsolatedCommand command;
  command.argv = {gitolite, "setup", "--hooks-only"};
  for (char** e = environ; *e != nullptr; ++e) command.environment.emplace_back(*e);
  command.isolate_network = false;
  command.timeout = std::chrono::seconds(120);
  Result<IsolatedRun> run = run_isolated(command);
  if (!run || run.value().exit_code != 0) {
    return "`gitolite setup --hooks-only` failed (" +
           (run ? run.value().errors.substr(0, 200) : run.error().message) + "): " + manual;
  }
  return {};
}

}  // namespace

Result<Platform> parse_platform(const std::string& name) {
  for (std::size_t i = 0; i < kPlatformNames.size(); ++i) {
    if (name == kPlatformNames[i]) return static_cast<Platform>(i);
  }
  std::string message = "unknown platform \"" + name.substr(0, 40) + "\"";
  const std::string_view close =
      closest_name(name, std::span<const std::string_view>(kPlatformNames));
  if (!close.empty()) message += "; did you mean " + std::string(close) + "?";
  return Error{ErrorCode::kInvalid, message + " (gitea, forgejo, gitlab, gitolite)"};
}

Result<PlatformInstalled> install_platform_hooks(const PlatformInstallOptions& options) {
  if (Status binary = check_hook_binary(options.binary); !binary) return binary.error();
  Result<std::string> absolute_config = absolute_config_file(options.config);
  if (!absolute_config) return absolute_config.error();
  const std::string config = absolute_config.value();
  Result<std::vector<Target>> targets = targets_of(options);
  if (!targets) return targets.error();
  for (const Target& t : targets.value()) {
    if (exists_no_follow(t.path) && !is_managed_hook(t.path) && !options.force) {
      return Error{ErrorCode::kInvalid,
                   t.path + " exists and was not written by pushgate; use --force to replace it"};
    }
  }
  PlatformInstalled installed;
  for (const Target& t : targets.value()) {
    std::error_code ec;
    fs::create_directories(fs::path(t.path).parent_path(), ec);
    if (ec) return Error{ErrorCode::kIo, "create " + fs::path(t.path).parent_path().string()};
    Status written = write_executable(t.path, hook_script(t.hook, options.binary, config, false));
    if (!written) return written.error();
    installed.paths.push_back(t.path);
  }
  if (options.platform == Platform::kGitolite) {
    installed.next_step = options.repo_specific
                              ? "in gitolite.conf, give each repository to gate `option "
                                "hook.pre-receive = pushgate`, then push gitolite-admin"
                              : gitolite_setup_hooks(options);
  }
  return installed;
}

Result<PlatformInstalled> uninstall_platform_hooks(const PlatformInstallOptions& options) {
  Result<std::vector<Target>> targets = targets_of(options);
  if (!targets) return targets.error();
  PlatformInstalled removed;
  for (const Target& t : targets.value()) {
    if (!exists_no_follow(t.path)) continue;
    if (!is_managed_hook(t.path)) {
      return Error{ErrorCode::kInvalid,
                   t.path + " was not written by pushgate; it is left untouched"};
    }
    std::error_code ec;
    fs::remove(t.path, ec);
    if (ec) return Error{ErrorCode::kIo, "remove " + t.path + ": " + ec.message()};
    removed.paths.push_back(t.path);
  }
  if (removed.paths.empty()) {
    return Error{ErrorCode::kNotFound, "no pushgate hook to remove"};
  }
  if (options.platform == Platform::kGitolite) {
    Result<std::vector<std::string>> links =
        remove_gitolite_links(gitolite_repo_base(gitolite_home(options)), removed.paths);
    if (!links) return Error::wrap(links.error(), "remove gitolite's links to the removed hook");
    removed.paths.insert(removed.paths.end(), links.value().begin(), links.value().end());
  }
  if (options.platform == Platform::kGitolite && options.repo_specific) {
    removed.next_step = "remove `option hook.pre-receive = pushgate` from gitolite.conf";
  }
  return removed;
}

}  // namespace pushgate
