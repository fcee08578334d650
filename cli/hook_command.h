#pragma once
#include <CLI/CLI.hpp>

namespace pushgate::cli {

// `pushgate hook pre-receive|update|pre-commit`: what the installed hook scripts run.
void add_hook_command(CLI::App& app, int& exit_code);

}  // namespace pushgate::cli
