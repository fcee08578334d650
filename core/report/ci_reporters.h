#pragma once
// The formats CI systems read (docs/output.md), each written only from a Report:
//   sarif   SARIF 2.1.0 (GitHub code scanning, GitLab, IDEs): one rule per rule id with its
//           documentation page as help, regions in characters, position-free partialFingerprints
//   junit   JUnit XML (GitLab test reports, Jenkins): one testcase per file, a <failure> per
//           finding at or above ReporterOptions::fail_on, other findings as <system-out>
//   github  GitHub Actions workflow commands (`::error file=…,line=…::message`), annotations on
//           the pull request's diff
//   gitlab  GitLab Code Quality JSON: an array of issues with fingerprints and GitLab severities
// Private to core/report: use make_reporter(FORMAT, …).
#include <memory>
#include <string_view>

#include "core/report/report.h"

namespace pushgate {

// nullptr unless `format` is one of the four above.
std::unique_ptr<Reporter> make_ci_reporter(std::string_view format, const ReporterOptions& options);

// Where a rule's documentation page is published (SARIF helpUri, GitLab/GitHub hints).
std::string rule_docs_url(std::string_view rule);

}  // namespace pushgate
