#include "core/report/json_reporter.h"

#include <nlohmann/json.hpp>
#include <ostream>

namespace pushgate {
namespace {

using Json = nlohmann::ordered_json;  // keys in the documented order, for people and diffs

Json finding_json(const Finding& f) {
  Json j;
  j["rule"] = f.rule;
  j["severity"] = to_string(f.severity);
  j["path"] = f.path;
  j["line"] = f.position.line;
  j["column"] = f.position.column;
  j["message"] = f.message;
  if (!f.ref.empty()) j["ref"] = f.ref;
  if (!f.commit.empty()) j["commit"] = f.commit;
  if (f.document >= 0) j["document"] = f.document;
  if (!f.object.empty()) j["object"] = f.object;
  if (!f.json_path.empty()) j["json_path"] = f.json_path;
  return j;
}

Json ref_json(const RefOutcome& r) {
  Json j;
  j["ref"] = r.ref;
  j["old"] = r.old_id;
  j["new"] = r.new_id;
  j["decision"] = to_string(r.decision);
  j["errors"] = r.counts.errors;
  j["warnings"] = r.counts.warnings;
  return j;
}

}  // namespace

void JsonReporter::write(const Report& report, std::ostream& out) const {
  Json j;
  j["decision"] = to_string(report.decision);
  Json findings = Json::array();
  for (const Finding& f : report.findings) findings.push_back(finding_json(f));
  j["findings"] = std::move(findings);
  j["summary"] = {
      {"files", report.summary.files},
      {"documents", report.summary.documents},
      {"errors", report.summary.errors},
      {"warnings", report.summary.warnings},
      {"duration_ms", report.summary.duration_ms},
  };
  if (options_.hook) {
    Json refs = Json::array();
    for (const RefOutcome& r : report.refs) refs.push_back(ref_json(r));
    j["refs"] = std::move(refs);
  }
  // Paths and messages come from pushes and may hold malformed UTF-8: write U+FFFD in its
  // place rather than throw (nlohmann's default) or emit invalid JSON.
  out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace pushgate
