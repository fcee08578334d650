#pragma once
// The gitlab format; see core/report/ci_reporters.h and docs/output.md. Private to core/report: use
// make_reporter("gitlab", …).
#include "core/report/report.h"

namespace pushgate {

class GitlabReporter final : public Reporter {
 public:
  explicit GitlabReporter(const ReporterOptions& options) : options_(options) {}
  void write(const Report& report, std::ostream& out) const override;

 private:
  ReporterOptions options_;
};

}  // namespace pushgate
