#pragma once
// The machine format (docs/output.md, schemas/report.schema.json): one JSON object,
// {"decision", "findings": [...], "summary": {...}}, plus "refs" in hook mode. Optional finding
// fields appear only where they apply. Private to core/report: use make_reporter("json", …).
#include "core/report/report.h"

namespace pushgate {

class JsonReporter final : public Reporter {
 public:
  explicit JsonReporter(const ReporterOptions& options) : options_(options) {}
  void write(const Report& report, std::ostream& out) const override;

 private:
  ReporterOptions options_;
};

}  // namespace pushgate
