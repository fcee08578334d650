#include "core/baseline/baseline.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "core/report/fingerprint.h"

namespace pushgate {
namespace {

using Json = nlohmann::ordered_json;

Error invalid(const std::string& message) {
  return Error{ErrorCode::kInvalid, message};
}

// A message quoted in a notice, capped.
std::string capped(std::string_view text) {
  constexpr std::size_t kMax = 80;
  if (text.size() <= kMax) return std::string(text);
  return std::string(text.substr(0, kMax)) + "...";
}

}  // namespace

bool can_be_baselined(const Finding& finding) {
  if (finding.path.empty()) return false;
  for (std::string_view family : {"internal/", "config/", "git/"}) {
    if (finding.rule.compare(0, family.size(), family) == 0) return false;
  }
  return true;
}

Baseline Baseline::from(const FindingList& findings) {
  std::map<std::string, BaselineEntry> by_fingerprint;
  for (const Finding& f : findings) {
    if (!can_be_baselined(f)) continue;
    const std::string id = finding_fingerprint(f);
    auto [it, added] = by_fingerprint.try_emplace(id);
    if (!added) {
      ++it->second.count;
      continue;
    }
    BaselineEntry& e = it->second;
    e.fingerprint = id;
    e.rule = f.rule;
    e.path = f.path;
    e.object = f.object;
    e.json_path = f.json_path;
    e.message = f.message;
  }
  Baseline b;
  for (auto& [id, entry] : by_fingerprint) b.entries_.push_back(std::move(entry));
  std::sort(
      b.entries_.begin(), b.entries_.end(), [](const BaselineEntry& a, const BaselineEntry& c) {
        return std::tie(a.path, a.rule, a.fingerprint) < std::tie(c.path, c.rule, c.fingerprint);
      });
  return b;
}

std::string Baseline::to_json() const {
  Json j;
  j["version"] = 1;
  j["comment"] =
      "findings pushgate accepts because they were there before; `pushgate check --baseline` "
      "reports only new ones. Remove entries as they are fixed (docs/baseline.md)";
  Json list = Json::array();
  for (const BaselineEntry& e : entries_) {
    Json entry;
    entry["fingerprint"] = e.fingerprint;
    entry["count"] = e.count;
    entry["rule"] = e.rule;
    entry["path"] = e.path;
    if (!e.object.empty()) entry["object"] = e.object;
    if (!e.json_path.empty()) entry["json_path"] = e.json_path;
    entry["message"] = e.message;
    list.push_back(std::move(entry));
  }
  j["findings"] = std::move(list);
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Result<Baseline> Baseline::parse(std::string_view text) {
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return invalid("not JSON; write it with `pushgate check --write-baseline`");
  if (!j.is_object()) return invalid("not a JSON object");
  if (!j.contains("version") || j["version"] != 1) {
    return invalid("\"version\" must be 1; write it again with `pushgate check --write-baseline`");
  }
  if (!j.contains("findings") || !j["findings"].is_array()) {
    return invalid("\"findings\" must be a list");
  }
  Baseline b;
  std::size_t index = 0;
  for (const Json& item : j["findings"]) {
    const std::string where = "findings[" + std::to_string(index++) + "]";
    if (!item.is_object()) return invalid(where + " must be an object");
    BaselineEntry e;
    const auto text_field = [&](const char* key, std::string& out, bool required) -> bool {
      if (!item.contains(key)) return !required;
      if (!item[key].is_string()) return false;
      out = item[key].get<std::string>();
      return true;
    };
    if (!text_field("fingerprint", e.fingerprint, true) || e.fingerprint.size() != 32 ||
        e.fingerprint.find_first_not_of("0123456789abcdef") != std::string::npos) {
      return invalid(where + ".fingerprint must be 32 lowercase hex digits");
    }
    if (item.contains("count")) {
      if (!item["count"].is_number_unsigned() || item["count"].get<std::size_t>() == 0) {
        return invalid(where + ".count must be a positive integer");
      }
      e.count = item["count"].get<std::size_t>();
    }
    if (!text_field("rule", e.rule, false) || !text_field("path", e.path, false) ||
        !text_field("object", e.object, false) || !text_field("json_path", e.json_path, false) ||
        !text_field("message", e.message, false)) {
      return invalid(where + ": rule, path, object, json_path and message must be strings");
    }
    b.entries_.push_back(std::move(e));
  }
  return b;
}

Result<Baseline> Baseline::load(const std::string& path) {
  std::error_code ignored;
  if (!std::filesystem::exists(path, ignored)) {
    return Error{ErrorCode::kNotFound, "baseline " + path +
                                           " does not exist; write it with `pushgate check "
                                           "--write-baseline " +
                                           path + "`"};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::kNotFound, "cannot open baseline " + path};
  std::ostringstream text;
  char buffer[65536];
  std::size_t total = 0;
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    total += static_cast<std::size_t>(in.gcount());
    if (total > kMaxBaselineBytes) {
      return invalid("baseline " + path + " is larger than 64 MiB");
    }
    text.write(buffer, in.gcount());
  }
  Result<Baseline> b = parse(text.str());
  if (!b) return Error::wrap(b.error(), "baseline " + path);
  return b;
}

BaselineResult apply_baseline(FindingList findings, const Baseline& baseline,
                              const std::function<bool(std::string_view path)>& in_scope) {
  std::map<std::string, std::size_t> remaining;
  for (const BaselineEntry& e : baseline.entries()) remaining[e.fingerprint] += e.count;
  BaselineResult result;
  for (Finding& f : findings) {
    if (!can_be_baselined(f)) {
      result.findings.push_back(std::move(f));
      continue;
    }
    auto it = remaining.find(finding_fingerprint(f));
    if (it != remaining.end() && it->second > 0) {
      --it->second;
      ++result.suppressed;
      continue;
    }
    result.findings.push_back(std::move(f));
  }
  for (const BaselineEntry& e : baseline.entries()) {
    std::size_t& left = remaining[e.fingerprint];
    if (left == 0) continue;
    if (in_scope && !in_scope(e.path)) continue;
    const std::size_t n = std::min(left, e.count);
    left -= n;
    result.stale += n;
    Finding notice =
        Finding::at(std::string(kBaselineFixedRule), Severity::kInfo, e.path, Position{},
                    "fixed, remove from baseline: " + e.rule + " \"" + capped(e.message) + "\"" +
                        (n > 1 ? " (" + std::to_string(n) + " times)" : "") + " (fingerprint " +
                        e.fingerprint + ")");
    notice.object = e.object;
    result.findings.push_back(std::move(notice));
  }
  return result;
}

}  // namespace pushgate
