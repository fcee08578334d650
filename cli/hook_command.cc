#include "cli/hook_command.h"

#include <iostream>
#include <memory>
#include <string>

#include "cli/output_options.h"
#include "core/git/library.h"
#include "hooks/hooks.h"

namespace pushgate::cli {
namespace {

struct HookCommandOptions {
  std::string config_path;
  unsigned jobs = 0;
  OutputOptions output;
  std::string ref, old_id, new_id;  // update hook arguments
};

HookOptions hook_options(const HookCommandOptions& o) {
  HookOptions options;
  options.config_path = o.config_path;
  options.format = o.output.format;
  options.color = o.output.color_for(stderr);
  options.jobs = o.jobs;
  options.environment = Environment::from_process();
  return options;
}

void add_common(CLI::App& command, HookCommandOptions& o) {
  command.add_option("--config", o.config_path,
                     "config file (default: $GIT_DIR/pushgate.yaml, then "
                     "/etc/pushgate/pushgate.yaml)");
  command.add_option("--jobs,-j", o.jobs, "parallel workers (default: one per core)");
  o.output.color = "never";  // git's remote: lines are rarely a terminal; --color always to force
  o.output.add_to(command);
}

}  // namespace

void add_hook_command(CLI::App& app, int& exit_code) {
  CLI::App* hook = app.add_subcommand(
      "hook", "Run as a git hook (what `pushgate install` puts into hooks/)");
  hook->require_subcommand(1);
  hook->footer("Exit codes: 0 accept, 1 reject (also for a broken config: the gate fails closed).");

  auto pre_receive = std::make_shared<HookCommandOptions>();
  CLI::App* pr = hook->add_subcommand(
      "pre-receive", "Server side: read `<old> <new> <ref>` lines from stdin, validate every "
                     "pushed ref, reject the whole push if any ref fails");
  add_common(*pr, *pre_receive);
  pr->footer("Example (hooks/pre-receive):\n  exec /usr/local/bin/pushgate hook pre-receive");
  pr->callback([pre_receive, &exit_code] {
    GitLibrary git;
    exit_code = run_pre_receive(hook_options(*pre_receive), std::cin, std::cerr);
  });

  auto update = std::make_shared<HookCommandOptions>();
  CLI::App* up = hook->add_subcommand(
      "update", "Server side, one ref at a time: reject only this ref if it fails");
  up->add_option("ref", update->ref, "the ref being updated")->required();
  up->add_option("old", update->old_id, "its old object id (zeros: created)")->required();
  up->add_option("new", update->new_id, "its new object id (zeros: deleted)")->required();
  add_common(*up, *update);
  up->footer("Example (hooks/update):\n  exec /usr/local/bin/pushgate hook update \"$@\"");
  up->callback([update, &exit_code] {
    GitLibrary git;
    exit_code = run_update(hook_options(*update), update->ref, update->old_id, update->new_id,
                           std::cerr);
  });

  auto pre_commit = std::make_shared<HookCommandOptions>();
  CLI::App* pc = hook->add_subcommand(
      "pre-commit", "Client side: validate the staged index before `git commit` records it");
  add_common(*pc, *pre_commit);
  pc->footer("Example (.git/hooks/pre-commit):\n  exec pushgate hook pre-commit");
  pc->callback([pre_commit, &exit_code] {
    GitLibrary git;
    exit_code = run_pre_commit(hook_options(*pre_commit), std::cerr);
  });
}

}  // namespace pushgate::cli
