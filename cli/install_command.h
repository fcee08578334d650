#pragma once
#include <CLI/CLI.hpp>

namespace pushgate::cli {

// `pushgate install` and `pushgate uninstall`: put pushgate's hooks into a repository and take
// them out again (hooks/install.h does the work).
void add_install_commands(CLI::App& app, int& exit_code);

}  // namespace pushgate::cli
