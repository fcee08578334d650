#pragma once
// The github format; see core/report/ci_reporters.h and docs/output.md. Private to core/report: use
// make_reporter("github", …).
#include "core/report/report.h"

namespace pushgate {

class GithubReporter final : public Reporter {
 public:
  explicit GithubReporter(const ReporterOptions& options) : options_(options) {}
  void write(const Report& report, std::ostream& out) const override;

 private:
  ReporterOptions options_;
};

}  // namespace pushgate
