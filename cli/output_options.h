#pragma once
// Output flags shared by every command: --format and --color (NO_COLOR honoured).
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>

#include "core/report/report.h"

namespace pushgate::cli {

struct OutputOptions {
  std::string format = "text";
  std::string color = "auto";  // auto | always | never
  Severity fail_on = Severity::kError;  // set by `check --fail-on`; JUnit marks failures from it

  void add_to(CLI::App& command);
  // Colour for a stream: always/never as asked; auto means a terminal and no NO_COLOR.
  bool color_for(std::FILE* stream) const;
  ReporterOptions reporter_options(std::FILE* stream, bool hook) const;
};

// Writes `report` in `options.format` to the stream; returns false for an unknown format.
bool write_report(const Report& report, const OutputOptions& options, std::FILE* stream,
                  bool hook);

}  // namespace pushgate::cli
