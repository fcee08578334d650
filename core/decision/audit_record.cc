#include "core/decision/audit_record.h"

#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <set>

#include "core/base/capped_text.h"

namespace pushgate {
namespace {

// A reason is a sentence or a ticket; a 60 KB one must not make a 60 KB audit line.
constexpr std::size_t kMaxAuditReasonBytes = 1024;

nlohmann::json counts_json(std::size_t errors, std::size_t warnings, std::size_t infos) {
  return {{"errors", errors}, {"warnings", warnings}, {"infos", infos}};
}

}  // namespace

std::string rfc3339_utc(std::chrono::system_clock::time_point when) {
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, ".%03dZ", static_cast<int>(millis % 1000));
  return std::string(text, n) + fraction;
}

std::string audit_line(const Report& report, const AuditFacts& facts,
                       std::chrono::system_clock::time_point when) {
  nlohmann::json line;
  line["time"] = rfc3339_utc(when);
  line["hook"] = facts.hook;
  line["repository"] = facts.repository;
  line["pusher"] = facts.pusher ? nlohmann::json(facts.pusher->name) : nlohmann::json(nullptr);
  line["pusher_source"] =
      facts.pusher ? nlohmann::json(facts.pusher->source) : nlohmann::json(nullptr);
  line["transport"] = facts.transport;
  line["push_certificate"] = facts.push_certificate.empty()
                                 ? nlohmann::json(nullptr)
                                 : nlohmann::json(facts.push_certificate);
  line["decision"] = std::string(to_string(report.decision));
  nlohmann::json refs = nlohmann::json::array();
  for (const RefOutcome& ref : report.refs) {
    refs.push_back({{"ref", ref.ref},
                    {"old", ref.old_id},
                    {"new", ref.new_id},
                    {"decision", std::string(to_string(ref.decision))},
                    {"errors", ref.counts.errors},
                    {"warnings", ref.counts.warnings},
                    {"infos", ref.counts.infos}});
  }
  line["refs"] = std::move(refs);
  const SeverityCounts counts = count_by_severity(report.findings);
  line["counts"] = counts_json(counts.errors, counts.warnings, counts.infos);
  std::set<std::string> rules;
  for (const Finding& f : report.findings) rules.insert(f.rule);
  line["rules"] = rules;
  if (facts.bypass.requested) {
    line["bypass"] = {{"granted", facts.bypass.granted},
                      {"reason", cap_bytes(facts.bypass.reason, kMaxAuditReasonBytes)},
                      {"errors_bypassed", facts.bypass.errors_bypassed}};
    if (facts.bypass.reason.size() > kMaxAuditReasonBytes) {
      line["bypass"]["reason_bytes"] = facts.bypass.reason.size();
    }
  } else {
    line["bypass"] = nullptr;
  }
  line["duration_ms"] = report.summary.duration_ms;
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace pushgate
