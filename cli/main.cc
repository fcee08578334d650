// pushgate: one binary for every mode (docs/architecture.md, the doors). main() parses the command line
// and returns the command's exit code; nothing below it calls exit().
#include <CLI/CLI.hpp>

#include "cli/check_command.h"
#include "cli/hook_command.h"
#include "cli/init_command.h"
#include "cli/install_command.h"
#include "cli/rules_command.h"
#include "cli/schemas_command.h"
#include "cli/status_command.h"
#include "cli/uncaught.h"
#include "pushgate/version.h"

int main(int argc, char** argv) {
  CLI::App app{
      "pushgate: a policy gate in front of GitOps repositories. It validates what is pushed "
      "(YAML/JSON well-formedness, Kubernetes schemas, policies, git rules) and rejects bad "
      "pushes with path:line:col messages."};
  app.set_version_flag("--version", std::string("pushgate ") + pushgate::kVersion + " (commit " +
                                        pushgate::kBuildCommit + ")");
  app.require_subcommand(1);
  int exit_code = 0;
  pushgate::cli::add_check_command(app, exit_code);
  pushgate::cli::add_rules_command(app, exit_code);
  pushgate::cli::add_schemas_command(app, exit_code);
  pushgate::cli::add_hook_command(app, exit_code);
  pushgate::cli::add_install_commands(app, exit_code);
  pushgate::cli::add_init_command(app, exit_code);
  pushgate::cli::add_status_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;  // --help and --version are successes; anything else is usage
  } catch (...) {
    // Out of memory or a bug below a command that has no verdict of its own: say so and fail
    // closed (exit 1 rejects a push), never std::terminate's bare abort.
    return pushgate::cli::report_uncaught(std::current_exception());
  }
  return exit_code;
}
