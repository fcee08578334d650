#pragma once
#include <CLI/CLI.hpp>

namespace pushgate::cli {

// `pushgate status --root DIR`: every repository under DIR with its gate state
// (hooks/install_status.h does the work).
void add_status_command(CLI::App& app, int& exit_code);

}  // namespace pushgate::cli
