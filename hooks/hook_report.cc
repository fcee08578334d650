#include "hooks/hook_report.h"

#include <filesystem>
#include <memory>
#include <ostream>

namespace pushgate {

int finish_hook(const HookOptions& options, VerdictRequest request, std::ostream& err) {
  const Verdict verdict = decide_verdict(std::move(request));
  if (verdict.show) {
    ReporterOptions reporter_options;
    reporter_options.color = options.color;
    reporter_options.hook = true;
    std::unique_ptr<Reporter> reporter = make_reporter(options.format, reporter_options);
    if (!reporter) reporter = make_reporter("text", reporter_options);
    if (reporter) reporter->write(verdict.report, err);
    err.flush();
  }
  return exit_code_for(verdict.report.decision);
}

Finding hook_input_finding(const std::string& message) {
  return Finding::at("internal/hook-input", Severity::kError, "", {}, message);
}

std::string resolve_against(const std::string& directory, const std::string& path) {
  if (path.empty() || std::filesystem::path(path).is_absolute() || directory.empty() ||
      directory == ".") {
    return path;
  }
  return (std::filesystem::path(directory) / path).lexically_normal().string();
}

}  // namespace pushgate
