#pragma once
#include <CLI/CLI.hpp>

namespace pushgate::cli {

// `pushgate check [PATH…] [--git RANGE]`: CI and local lint. Returns a function that runs the
// command after parsing and yields its exit code.
void add_check_command(CLI::App& app, int& exit_code);

}  // namespace pushgate::cli
