#pragma once
// The sarif format; see core/report/ci_reporters.h and docs/output.md. Private to core/report: use
// make_reporter("sarif", …).
#include "core/report/report.h"

namespace pushgate {

class SarifReporter final : public Reporter {
 public:
  explicit SarifReporter(const ReporterOptions& options) : options_(options) {}
  void write(const Report& report, std::ostream& out) const override;

 private:
  ReporterOptions options_;
};

}  // namespace pushgate
