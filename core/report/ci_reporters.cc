#include "core/report/ci_reporters.h"

#include "core/report/github_reporter.h"
#include "core/report/gitlab_reporter.h"
#include "core/report/junit_reporter.h"
#include "core/report/sarif_reporter.h"

namespace pushgate {

std::unique_ptr<Reporter> make_ci_reporter(std::string_view format,
                                           const ReporterOptions& options) {
  if (format == "sarif") return std::make_unique<SarifReporter>(options);
  if (format == "junit") return std::make_unique<JunitReporter>(options);
  if (format == "github") return std::make_unique<GithubReporter>(options);
  if (format == "gitlab") return std::make_unique<GitlabReporter>(options);
  return nullptr;
}

std::string rule_docs_url(std::string_view rule) {
  return "https://github.com/pushgate/pushgate/blob/main/docs/rules/" + std::string(rule) + ".md";
}

}  // namespace pushgate
