#pragma once
#include <CLI/CLI.hpp>

namespace pushgate::cli {

// `pushgate rules [ID]`: list every rule, or print one rule's documentation page.
void add_rules_command(CLI::App& app, int& exit_code);

}  // namespace pushgate::cli
