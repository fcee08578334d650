#include "cli/install_command.h"

#include <unistd.h>

#include <climits>
#include <iostream>
#include <memory>
#include <string>

#include "hooks/install.h"
#include "hooks/platform_install.h"
#include "hooks/server_install.h"

namespace pushgate::cli {
namespace {

// Hooks run with a minimal PATH (smart HTTP gives them almost none), so the hook script names
// this very binary by its absolute path.
std::string this_binary() {
  char buffer[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", buffer, sizeof(buffer) - 1);
  if (n <= 0) return {};
  return std::string(buffer, static_cast<std::size_t>(n));
}

int run_install(InstallOptions options) {
  options.binary = this_binary();
  if (options.binary.empty()) {
    std::cerr << "pushgate install: cannot find the path of the pushgate binary (/proc/self/exe)\n";
    return 2;
  }
  Result<InstalledHook> done = install_hooks(options);
  if (!done) {
    std::cerr << "pushgate install: " << done.error().message << "\n";
    return 2;
  }
  std::cout << "installed " << done.value().path;
  if (!done.value().chained_path.empty()) {
    std::cout << " (runs " << done.value().chained_path << " first)";
  }
  if (done.value().replaced_foreign) std::cout << " (replaced a hook pushgate did not write)";
  std::cout << "\n";
  return 0;
}

// What `pushgate install` was asked, beyond one repository's hook.
struct InstallRequest {
  InstallOptions repo;
  bool server = false;
  ServerInstallOptions server_options;
  std::string platform;  // --platform NAME
  PlatformInstallOptions platform_options;
};

// The platform options as given: --repo only when typed (its default "." means nothing here).
Result<PlatformInstallOptions> platform_request(const std::string& name, const CLI::App& command,
                                                const std::string& repo, const std::string& config,
                                                const std::string& hook,
                                                const std::string& hooks_dir,
                                                PlatformInstallOptions options) {
  Result<Platform> platform = parse_platform(name);
  if (!platform) return platform.error();
  options.platform = platform.value();
  options.repo = command.count("--repo") > 0 ? repo : "";
  options.hooks_dir = command.count("--hooks-dir") > 0 ? hooks_dir : "";
  options.config = config;
  options.hook = hook;
  return options;
}

int run_install_platform(const std::string& name, Result<PlatformInstallOptions> request,
                         bool install) {
  const std::string command =
      std::string(install ? "pushgate install" : "pushgate uninstall") + " --platform " + name;
  if (!request) {
    std::cerr << command << ": " << request.error().message << "\n";
    return 2;
  }
  request.value().binary = this_binary();
  Result<PlatformInstalled> done =
      install ? install_platform_hooks(request.value()) : uninstall_platform_hooks(request.value());
  if (!done) {
    std::cerr << command << ": " << done.error().message << "\n";
    return 2;
  }
  for (const std::string& path : done.value().paths) {
    std::cout << (install ? "installed " : "removed ") << path << "\n";
  }
  if (!done.value().next_step.empty()) std::cout << "next: " << done.value().next_step << "\n";
  return 0;
}

int run_install_server(ServerInstallOptions options) {
  options.binary = this_binary();
  if (options.binary.empty()) {
    std::cerr << "pushgate install: cannot find the path of the pushgate binary (/proc/self/exe)\n";
    return 2;
  }
  Result<ServerInstalled> done = install_server_hooks(options);
  if (!done) {
    std::cerr << "pushgate install --server: " << done.error().message << "\n";
    return 2;
  }
  std::cout << (done.value().reinstalled ? "updated " : "installed ") << done.value().hooks_dir
            << " as the system core.hooksPath";
  if (done.value().previous_hooks_path) {
    std::cout << " (the hooks in " << *done.value().previous_hooks_path << " run first)";
  }
  std::cout << "\n";
  return 0;
}

int run_uninstall_server(const ServerUninstallOptions& options) {
  Result<ServerUninstalled> done = uninstall_server_hooks(options);
  if (!done) {
    std::cerr << "pushgate uninstall --server: " << done.error().message << "\n";
    return 2;
  }
  std::cout << "removed " << done.value().removed_scripts << " hooks from "
            << done.value().hooks_dir << "; the system core.hooksPath is ";
  if (done.value().restored_hooks_path) {
    std::cout << *done.value().restored_hooks_path << " again\n";
  } else {
    std::cout << "unset again\n";
  }
  return 0;
}

int run_uninstall(const UninstallOptions& options) {
  Result<UninstalledHook> done = uninstall_hooks(options);
  if (!done) {
    std::cerr << "pushgate uninstall: " << done.error().message << "\n";
    return 2;
  }
  std::cout << "removed " << done.value().path;
  if (done.value().restored_chained) std::cout << " (restored the hook it chained)";
  std::cout << "\n";
  return 0;
}

}  // namespace

void add_install_commands(CLI::App& app, int& exit_code) {
  auto install = std::make_shared<InstallRequest>();
  CLI::App* in = app.add_subcommand(
      "install",
      "Install pushgate as the pre-receive (or update) hook of a bare repository, of "
      "every repository on a server, or as the pre-commit hook of a working clone");
  in->add_option("--repo", install->repo.repo, "the repository (default: .)")
      ->capture_default_str();
  in->add_flag("--pre-commit", install->repo.pre_commit,
               "write .git/hooks/pre-commit in a working clone instead of hooks/pre-receive");
  in->add_option("--hook", install->repo.hook,
                 "the server hook to write: pre-receive (one verdict per push) or update (one "
                 "per ref; a rejected ref leaves the others to land)")
      ->check(CLI::IsMember({"pre-receive", "update"}))
      ->capture_default_str();
  in->add_option("--config", install->repo.config, "config file the hook passes to pushgate");
  in->add_flag("--force", install->repo.force,
               "replace an existing hook that pushgate did not write");
  in->add_flag("--chain", install->repo.chain,
               "keep an existing hook: rename it to <hook>.chained and run it before pushgate");
  in->add_flag("--server", install->server,
               "every repository on this machine: write --hooks-dir and set the system "
               "core.hooksPath to it (git config --system)");
  in->add_option("--hooks-dir", install->server_options.hooks_dir,
                 "with --server: the hooks directory to write")
      ->capture_default_str();
  in->add_option("--repos", install->server_options.repos,
                 "with --server: judge only repositories whose absolute path matches this sh "
                 "pattern (repeatable; * matches / too)");
  auto add_platform_options = [](CLI::App* command, InstallRequest& request) {
    command
        ->add_option("--platform", request.platform,
                     "install the way a Git platform documents its hooks: gitea, forgejo, "
                     "gitlab, gitolite")
        ->check(CLI::IsMember({"gitea", "forgejo", "gitlab", "gitolite"}));
    command->add_option("--root", request.platform_options.root,
                        "with --platform gitea/forgejo: every repository under this folder");
    command->add_option("--gitolite-home", request.platform_options.gitolite_home,
                        "with --platform gitolite: the gitolite user's home (default: $HOME)");
    command->add_flag("--repo-specific", request.platform_options.repo_specific,
                      "with --platform gitolite: a repo-specific hook named pushgate instead of "
                      "hooks/common/pre-receive");
  };
  add_platform_options(in, *install);
  in->footer(
      "Examples:\n"
      "  pushgate install --repo /srv/git/gitops.git\n"
      "  pushgate install --repo /srv/git/gitops.git --chain --config /etc/pushgate/gitops.yaml\n"
      "  pushgate install --repo /srv/git/gitops.git --hook update\n"
      "  pushgate install --server --config /etc/pushgate/pushgate.yaml\n"
      "  pushgate install --server --repos '/srv/git/deploy/*'\n"
      "  pushgate install --platform gitea --root /var/lib/gitea/data/gitea-repositories\n"
      "  pushgate install --platform gitlab --hooks-dir /var/opt/gitlab/gitaly/custom_hooks\n"
      "  pushgate install --platform gitolite     (as the gitolite user)\n"
      "  pushgate install --pre-commit          (in a working clone)\n"
      "--hooks-dir: with --server the hooks directory to write (default /etc/pushgate/hooks);\n"
      "with --platform gitlab Gitaly's custom_hooks_dir.\n"
      "Also sets receive.advertisePushOptions=true on a server repository.");
  in->callback([install, in, &exit_code] {
    if (!install->platform.empty()) {
      exit_code = run_install_platform(
          install->platform,
          platform_request(install->platform, *in, install->repo.repo, install->repo.config,
                           install->repo.hook, install->server_options.hooks_dir,
                           install->platform_options),
          true);
      return;
    }
    if (install->server) {
      for (const char* repo_only : {"--repo", "--pre-commit", "--force", "--chain"}) {
        if (in->count(repo_only) > 0) {
          std::cerr << "pushgate install: " << repo_only
                    << " is for one repository; --server installs for all of them\n";
          exit_code = 2;
          return;
        }
      }
      install->server_options.config = install->repo.config;
      install->server_options.hook = install->repo.hook;
      exit_code = run_install_server(install->server_options);
      return;
    }
    for (const char* server_only :
         {"--hooks-dir", "--repos", "--root", "--gitolite-home", "--repo-specific"}) {
      if (in->count(server_only) > 0) {
        std::cerr << "pushgate install: " << server_only << " needs --server or --platform\n";
        exit_code = 2;
        return;
      }
    }
    exit_code = run_install(install->repo);
  });

  auto uninstall = std::make_shared<UninstallOptions>();
  auto uninstall_server = std::make_shared<ServerUninstallOptions>();
  auto server = std::make_shared<bool>(false);
  auto uninstall_platform = std::make_shared<InstallRequest>();
  CLI::App* un = app.add_subcommand(
      "uninstall", "Remove hooks that `pushgate install` wrote and restore what was there");
  un->add_option("--repo", uninstall->repo, "the repository (default: .)")->capture_default_str();
  un->add_flag("--pre-commit", uninstall->pre_commit, "remove the pre-commit hook of a clone");
  un->add_option("--hook", uninstall->hook, "the server hook to remove: pre-receive or update")
      ->check(CLI::IsMember({"pre-receive", "update"}))
      ->capture_default_str();
  un->add_flag("--server", *server,
               "undo `install --server`: restore the system core.hooksPath as it was and "
               "remove the hooks directory's scripts");
  un->add_option("--hooks-dir", uninstall_server->hooks_dir,
                 "with --server: the hooks directory; with --platform gitlab: custom_hooks_dir")
      ->capture_default_str();
  add_platform_options(un, *uninstall_platform);
  un->footer(
      "Examples:\n"
      "  pushgate uninstall --repo /srv/git/gitops.git\n"
      "  pushgate uninstall --server\n"
      "  pushgate uninstall --platform gitlab --hooks-dir /var/opt/gitlab/gitaly/custom_hooks");
  un->callback([uninstall, uninstall_server, server, uninstall_platform, un, &exit_code] {
    if (!uninstall_platform->platform.empty()) {
      exit_code = run_install_platform(
          uninstall_platform->platform,
          platform_request(uninstall_platform->platform, *un, uninstall->repo, "", uninstall->hook,
                           uninstall_server->hooks_dir, uninstall_platform->platform_options),
          false);
      return;
    }
    exit_code = *server ? run_uninstall_server(*uninstall_server) : run_uninstall(*uninstall);
  });
}

}  // namespace pushgate::cli
