#include "cli/output_options.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <sstream>

namespace pushgate::cli {

void OutputOptions::add_to(CLI::App& command) {
  std::vector<std::string> formats;
  for (std::string_view f : reporter_formats()) formats.emplace_back(f);
  command.add_option("--format", format, "output format")
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
  command.add_option("--color", color, "colour: auto (a terminal, unless NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
}

bool OutputOptions::color_for(std::FILE* stream) const {
  if (color == "always") return true;
  if (color == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") return false;
  return isatty(fileno(stream)) != 0;
}

ReporterOptions OutputOptions::reporter_options(std::FILE* stream, bool hook) const {
  ReporterOptions options;
  options.color = format == "text" && color_for(stream);
  options.hook = hook;
  options.fail_on = fail_on;
  return options;
}

bool write_report(const Report& report, const OutputOptions& options, std::FILE* stream,
                  bool hook) {
  const auto reporter = make_reporter(options.format, options.reporter_options(stream, hook));
  if (!reporter) return false;
  std::ostringstream text;
  reporter->write(report, text);
  const std::string out = text.str();
  std::fwrite(out.data(), 1, out.size(), stream);
  std::fflush(stream);
  return true;
}

}  // namespace pushgate::cli
