#pragma once
#include <CLI/CLI.hpp>

namespace pushgate::cli {

// `pushgate schemas import SOURCE... [--store DIR] [--kubernetes-version 1.NN]` and
// `pushgate schemas list [--store DIR]`: fill and show a schema store.
void add_schemas_command(CLI::App& app, int& exit_code);

}  // namespace pushgate::cli
