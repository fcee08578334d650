// The reporters' factory and the decision's two mappings (to words and to an exit code).
#include "core/report/report.h"

#include "core/report/ci_reporters.h"
#include "core/report/json_reporter.h"
#include "core/report/text_reporter.h"

namespace pushgate {

std::string_view to_string(Decision d) {
  return d == Decision::kReject ? "reject" : "accept";
}

int exit_code_for(Decision d) {
  return d == Decision::kReject ? 1 : 0;
}

std::unique_ptr<Reporter> make_reporter(std::string_view format, const ReporterOptions& options) {
  if (format == "text") return std::make_unique<TextReporter>(options);
  if (format == "json") return std::make_unique<JsonReporter>(options);
  if (std::unique_ptr<Reporter> ci = make_ci_reporter(format, options)) return ci;
  return nullptr;
}

std::vector<std::string_view> reporter_formats() {
  return {"text", "json", "sarif", "junit", "github", "gitlab"};
}

}  // namespace pushgate
