#include "cli/install_command.h"

#include <unistd.h>

#include <climits>
#include <iostream>
#include <memory>
#include <string>

#include "hooks/install.h"

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
  auto install = std::make_shared<InstallOptions>();
  CLI::App* in = app.add_subcommand(
      "install", "Install pushgate as the pre-receive hook of a bare repository, or as the "
                 "pre-commit hook of a working clone");
  in->add_option("--repo", install->repo, "the repository (default: .)")->capture_default_str();
  in->add_flag("--pre-commit", install->pre_commit,
               "write .git/hooks/pre-commit in a working clone instead of hooks/pre-receive");
  in->add_option("--config", install->config, "config file the hook passes to pushgate");
  in->add_flag("--force", install->force, "replace an existing hook that pushgate did not write");
  in->add_flag("--chain", install->chain,
               "keep an existing hook: rename it to <hook>.chained and run it before pushgate");
  in->footer(
      "Examples:\n"
      "  pushgate install --repo /srv/git/gitops.git\n"
      "  pushgate install --repo /srv/git/gitops.git --chain --config /etc/pushgate/gitops.yaml\n"
      "  pushgate install --pre-commit          (in a working clone)\n"
      "Also sets receive.advertisePushOptions=true on a server repository.");
  in->callback([install, &exit_code] { exit_code = run_install(*install); });

  auto uninstall = std::make_shared<UninstallOptions>();
  CLI::App* un = app.add_subcommand(
      "uninstall", "Remove a hook that `pushgate install` wrote (and restore a chained one)");
  un->add_option("--repo", uninstall->repo, "the repository (default: .)")->capture_default_str();
  un->add_flag("--pre-commit", uninstall->pre_commit, "remove the pre-commit hook of a clone");
  un->footer("Example:\n  pushgate uninstall --repo /srv/git/gitops.git");
  un->callback([uninstall, &exit_code] { exit_code = run_uninstall(*uninstall); });
}

}  // namespace pushgate::cli
