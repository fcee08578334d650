#include "validators/k8s/invalid_cron_rule.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "validators/k8s/api_syntax.h"

namespace pushgate {
namespace {

// The grammar of github.com/robfig/cron/v3's ParseStandard, which the CronJob controller uses.
struct Field {
  std::string_view name;
  int min;
  int max;
  const std::array<std::string_view, 12>* names;  // index + min = value; null: numbers only
};

constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 12> kDays = {"sun", "mon", "tue", "wed", "thu", "fri",
                                                    "sat", "",    "",    "",    "",    ""};
constexpr std::array<Field, 5> kFields = {{{"minute", 0, 59, nullptr},
                                           {"hour", 0, 23, nullptr},
                                           {"day of month", 1, 31, nullptr},
                                           {"month", 1, 12, &kMonths},
                                           {"day of week", 0, 6, &kDays}}};

std::optional<int> value_of(std::string_view text, const Field& field) {
  if (text.empty()) return std::nullopt;
  if (field.names != nullptr && text.size() == 3) {
    std::string lower(text);
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    for (std::size_t i = 0; i < field.names->size(); ++i) {
      if (!(*field.names)[i].empty() && (*field.names)[i] == lower) {
        return static_cast<int>(i) + field.min;
      }
    }
  }
  if (text.size() > 4 || text.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  return std::stoi(std::string(text));
}

// Why one comma-separated part of a field does not parse, or "".
std::string part_problem(std::string_view part, const Field& field) {
  std::string_view range = part;
  if (const std::size_t slash = part.find('/'); slash != std::string_view::npos) {
    range = part.substr(0, slash);
    const std::string_view step = part.substr(slash + 1);
    if (step.empty() || step.size() > 4 ||
        step.find_first_not_of("0123456789") != std::string_view::npos ||
        std::stoi(std::string(step)) == 0) {
      return "step `" + std::string(step) + "` must be a positive number";
    }
  }
  if (range == "*" || range == "?") return "";
  const std::size_t dash = range.find('-');
  const std::string_view low_text = range.substr(0, dash);
  const std::string_view high_text =
      dash == std::string_view::npos ? std::string_view{} : range.substr(dash + 1);
  const std::optional<int> low = value_of(low_text, field);
  if (!low) return "`" + std::string(low_text) + "` is not a " + std::string(field.name);
  std::optional<int> high = low;
  if (dash != std::string_view::npos) {
    high = value_of(high_text, field);
    if (!high) return "`" + std::string(high_text) + "` is not a " + std::string(field.name);
  }
  if (*low < field.min || *high > field.max) {
    return "`" + std::string(range) + "` is outside " + std::to_string(field.min) + "-" +
           std::to_string(field.max);
  }
  if (*low > *high) return "range `" + std::string(range) + "` runs backwards";
  return "";
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = text.find(separator, start);
    parts.push_back(text.substr(start, at == std::string_view::npos ? at : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

bool is_go_duration(std::string_view text) {
  // 1h30m, 90s, 1.5h: (number unit)+ with units ns us µs ms s m h.
  std::size_t i = 0;
  if (text.empty()) return false;
  while (i < text.size()) {
    const std::size_t number_start = i;
    while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.')) ++i;
    if (i == number_start) return false;
    const std::size_t unit_start = i;
    while (i < text.size() && !((text[i] >= '0' && text[i] <= '9') || text[i] == '.')) ++i;
    const std::string_view unit = text.substr(unit_start, i - unit_start);
    if (unit != "ns" && unit != "us" && unit != "µs" && unit != "ms" && unit != "s" &&
        unit != "m" && unit != "h") {
      return false;
    }
  }
  return true;
}

std::string schedule_problem(std::string_view schedule) {
  if (schedule.starts_with("TZ=") || schedule.starts_with("CRON_TZ=")) {
    return "sets a time zone inside the schedule, which Kubernetes does not support (newer API "
           "servers refuse it); use spec.timeZone";
  }
  if (schedule.starts_with("@")) {
    static constexpr std::array<std::string_view, 7> kDescriptors = {
        "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"};
    for (std::string_view d : kDescriptors) {
      if (schedule == d) return "";
    }
    if (schedule.starts_with("@every ") && is_go_duration(schedule.substr(7))) return "";
    return "is not a known descriptor (@yearly, @monthly, @weekly, @daily, @hourly, @every "
           "DURATION)";
  }
  std::vector<std::string_view> fields;
  for (std::string_view word : split(schedule, ' ')) {
    if (!word.empty()) fields.push_back(word);
  }
  if (fields.size() != 5) {
    return "has " + std::to_string(fields.size()) +
           " fields; a CronJob schedule has exactly 5: minute hour day-of-month month "
           "day-of-week (no seconds)";
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    for (std::string_view part : split(fields[i], ',')) {
      if (std::string why = part_problem(part, kFields[i]); !why.empty()) {
        return "field " + std::to_string(i + 1) + " (" + std::string(kFields[i].name) + "): " + why;
      }
    }
  }
  return "";
}

}  // namespace

void InvalidCronRule::check_object(const ObjectContext& object, FindingList& out) const {
  if (object.kind != "CronJob" || object.group() != "batch") return;
  const NodeRef schedule = object.root.get("spec").get("schedule");
  if (!schedule.is_string() || is_substituted(schedule.text())) return;
  if (std::string why = schedule_problem(schedule.text()); !why.empty()) {
    out.push_back(object.finding(rule(), Severity::kError, schedule, "spec.schedule",
                                 "schedule `" + std::string(schedule.text()) + "` " + why));
  }
}

}  // namespace pushgate
