#include "core/report/sarif_reporter.h"

#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "core/report/ci_reporters.h"
#include "core/report/fingerprint.h"
#include "core/rule_docs/rule_pages.h"
#include "pushgate/version.h"

namespace pushgate {
namespace {

using Json = nlohmann::ordered_json;

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "note";
  }
  return "none";
}

std::string_view sarif_level(std::string_view severity_word) {
  Severity s = Severity::kError;
  if (!parse_severity(severity_word, s)) return "error";
  return sarif_level(s);
}

// A repository-relative path as a URI reference: unreserved characters and '/' kept, every other
// byte percent-encoded (spaces, '#', '?', '%' and non-ASCII alike).
std::string path_uri(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}

Json rule_json(std::string_view id) {
  Json rule;
  rule["id"] = id;
  const RulePage* page = find_rule_page(id);
  const std::string summary = page != nullptr ? page_summary(*page) : std::string();
  rule["shortDescription"] = {{"text", summary.empty() ? std::string(id) : summary}};
  if (page != nullptr) {
    rule["help"] = {{"text", page->text}, {"markdown", page->text}};
    rule["helpUri"] = rule_docs_url(id);
    rule["defaultConfiguration"] = {{"level", sarif_level(page_severity(*page))}};
  }
  const std::size_t slash = id.find('/');
  rule["properties"] = {{"tags", Json::array({std::string(id.substr(0, slash))})}};
  return rule;
}

Json result_json(const Finding& f, std::size_t rule_index, const std::string& fingerprint) {
  Json r;
  r["ruleId"] = f.rule;
  r["ruleIndex"] = rule_index;
  r["level"] = sarif_level(f.severity);
  std::string text = f.message;
  // A finding about a ref or a commit has no file to point at: say where in the message.
  if (f.path.empty() && !f.ref.empty()) {
    text = f.ref + (f.commit.empty() ? "" : " " + f.commit.substr(0, 7)) + ": " + text;
  }
  r["message"] = {{"text", text}};
  if (!f.path.empty()) {
    Json physical;
    physical["artifactLocation"] = {{"uri", path_uri(f.path)}, {"uriBaseId", "%SRCROOT%"}};
    if (f.position.line > 0) {
      Json region;
      region["startLine"] = f.position.line;
      if (f.position.column > 0) {
        region["startColumn"] = f.position.column;
        region["endLine"] = f.position.line;
        // endColumn is the first character after the region (SARIF §3.30.8).
        region["endColumn"] = f.position.column + (f.span > 0 ? f.span : 1);
      } else {
        region["endLine"] = f.position.line;
      }
      physical["region"] = std::move(region);
    }
    r["locations"] = Json::array({{{"physicalLocation", std::move(physical)}}});
  }
  r["partialFingerprints"] = {{"pushgate/v1", fingerprint}};
  Json properties = Json::object();
  if (!f.object.empty()) properties["object"] = f.object;
  if (!f.json_path.empty()) properties["jsonPath"] = f.json_path;
  if (f.document >= 0) properties["document"] = f.document;
  if (!f.ref.empty()) properties["ref"] = f.ref;
  if (!f.commit.empty()) properties["commit"] = f.commit;
  if (!properties.empty()) r["properties"] = std::move(properties);
  return r;
}

}  // namespace

void SarifReporter::write(const Report& report, std::ostream& out) const {
  // One rule per rule id, in order of first appearance; results point at it by index.
  std::map<std::string, std::size_t> rule_index;
  Json rules = Json::array();
  for (const Finding& f : report.findings) {
    if (rule_index.emplace(f.rule, rules.size()).second) rules.push_back(rule_json(f.rule));
  }
  const std::vector<std::string> fingerprints = occurrence_fingerprints(report.findings);
  Json results = Json::array();
  bool internal_failure = false;
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const Finding& f = report.findings[i];
    results.push_back(result_json(f, rule_index.at(f.rule), fingerprints[i]));
    if (f.rule.starts_with("internal/") || f.rule.starts_with("config/")) {
      internal_failure = internal_failure || f.severity == Severity::kError;
    }
  }
  Json driver;
  driver["name"] = "pushgate";
  driver["version"] = kVersion;
  driver["informationUri"] = "https://github.com/pushgate/pushgate";
  driver["rules"] = std::move(rules);
  Json run;
  run["tool"] = {{"driver", std::move(driver)}};
  // Finding columns count characters (code points), not UTF-16 units.
  run["columnKind"] = "unicodeCodePoints";
  run["invocations"] = Json::array({{{"executionSuccessful", !internal_failure}}});
  run["results"] = std::move(results);
  Json j;
  j["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  j["version"] = "2.1.0";
  j["runs"] = Json::array({std::move(run)});
  (void)options_;
  out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace pushgate
