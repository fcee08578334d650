#include "cli/status_command.h"

#include <iostream>
#include <memory>
#include <string>

#include "hooks/install_status.h"

namespace pushgate::cli {
namespace {

// One line per repository, `key=value` fields after its path, so that it reads and greps well
// over hundreds of repositories.
void print_gate(const RepositoryGate& g, std::ostream& out) {
  out << g.repository << "  gate=" << gate_kind_name(g.kind);
  if (!g.hook.empty()) out << "  hook=" << g.hook;
  out << "  chained=" << (g.chained ? "yes" : "no");
  if (g.kind == GateKind::kRepo || g.kind == GateKind::kServer) {
    out << "  config=" << (g.config.empty() ? "built-in" : g.config);
    if (!g.config_error.empty()) out << " (broken: " << g.config_error.substr(0, 120) << ")";
    if (g.last_decision.empty()) {
      out << "  last=" << (g.audit_log.empty() ? "no-audit-log" : "none");
    } else {
      out << "  last=" << g.last_decision << "@" << g.last_time;
    }
  }
  out << "\n";
}

}  // namespace

void add_status_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<GateStatusOptions>();
  CLI::App* status = app.add_subcommand(
      "status",
      "List the repositories under a folder with their gate state: which pushgate "
      "hook runs, what runs before it, the config it loads, the last decision");
  status->add_option("--root", options->root, "the folder to search for bare repositories")
      ->capture_default_str();
  status->add_option("--audit-log", options->audit_log,
                     "read last decisions from this audit file (default: each config's "
                     "audit.file)");
  status->footer(
      "Fields: gate=repo|server|skipped|foreign|none, hook=pre-receive|update,\n"
      "chained=yes|no, config=PATH|built-in [(broken: why)], last=DECISION@TIME|none|no-audit-log\n"
      "Example:\n  pushgate status --root /srv/git\n"
      "Exit codes: 0 listed, 2 the root cannot be read.");
  status->callback([options, &exit_code] {
    Result<std::vector<RepositoryGate>> gates = gate_status(*options);
    if (!gates) {
      std::cerr << "pushgate status: " << gates.error().message << "\n";
      exit_code = 2;
      return;
    }
    for (const RepositoryGate& g : gates.value()) print_gate(g, std::cout);
    exit_code = 0;
  });
}

}  // namespace pushgate::cli
