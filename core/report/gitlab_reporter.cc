#include "core/report/gitlab_reporter.h"

#include <nlohmann/json.hpp>
#include <ostream>

#include "core/report/fingerprint.h"

namespace pushgate {
namespace {

using Json = nlohmann::ordered_json;

// GitLab's scale is info, minor, major, critical, blocker. An error fails the gate: critical.
// A warning is worth fixing but never fails: minor. An info: info.
std::string_view gitlab_severity(Severity s) {
  switch (s) {
    case Severity::kError:
      return "critical";
    case Severity::kWarning:
      return "minor";
    case Severity::kInfo:
      return "info";
  }
  return "info";
}

}  // namespace

void GitlabReporter::write(const Report& report, std::ostream& out) const {
  const std::vector<std::string> fingerprints = occurrence_fingerprints(report.findings);
  Json issues = Json::array();
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const Finding& f = report.findings[i];
    Json issue;
    std::string description = f.message;
    if (f.path.empty() && !f.ref.empty()) {
      description =
          f.ref + (f.commit.empty() ? "" : " " + f.commit.substr(0, 7)) + ": " + description;
    }
    issue["description"] = description;
    issue["check_name"] = f.rule;
    issue["fingerprint"] = fingerprints[i];
    issue["severity"] = gitlab_severity(f.severity);
    // GitLab needs a path for every issue; a finding about a ref, a commit or the run itself
    // points at the repository root.
    issue["location"] = {{"path", f.path.empty() ? std::string(".") : f.path},
                         {"lines", {{"begin", f.position.line > 0 ? f.position.line : 1}}}};
    issue["categories"] = Json::array({"Bug Risk"});
    issues.push_back(std::move(issue));
  }
  (void)options_;
  out << issues.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace pushgate
