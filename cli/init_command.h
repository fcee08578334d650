#pragma once
#include <CLI/CLI.hpp>

namespace pushgate::cli {

// `pushgate init [DIR]`: survey a repository (core/init/repo_survey.h), write a commented
// `.pushgate.yaml` that passes on it today except for genuine errors, and list those.
// `pushgate init --server`: write a server config (protected main, immutable tags, audit log).
void add_init_command(CLI::App& app, int& exit_code);

}  // namespace pushgate::cli
