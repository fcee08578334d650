#pragma once
// The human format (docs/output.md): findings grouped by ref and file, worst first, each as
// `path:line:col: severity[rule]: message` with a code frame; in hook mode a status line per ref
// first, otherwise a summary line last. Private to core/report: use make_reporter("text", …).
#include "core/report/report.h"

namespace pushgate {

class TextReporter final : public Reporter {
 public:
  explicit TextReporter(const ReporterOptions& options) : options_(options) {}
  void write(const Report& report, std::ostream& out) const override;

 private:
  ReporterOptions options_;
};

}  // namespace pushgate
