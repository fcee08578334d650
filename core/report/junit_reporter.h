#pragma once
// The junit format; see core/report/ci_reporters.h and docs/output.md. Private to core/report: use
// make_reporter("junit", …).
#include "core/report/report.h"

namespace pushgate {

class JunitReporter final : public Reporter {
 public:
  explicit JunitReporter(const ReporterOptions& options) : options_(options) {}
  void write(const Report& report, std::ostream& out) const override;

 private:
  ReporterOptions options_;
};

}  // namespace pushgate
