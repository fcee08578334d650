#pragma once
// Calendar days for exception expiry: "YYYY-MM-DD" as days since 1970-01-01, proleptic
// Gregorian, UTC. No time zones: an exception expires at the end of its day, wherever the hook
// runs.
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/policy/policies.h"

namespace pushgate {

// A real calendar date written exactly YYYY-MM-DD (2026-02-30 is not one); nullopt otherwise.
std::optional<PolicyDate> parse_policy_date(std::string_view text);
// Days since 1970-01-01 for a valid year, month and day.
std::int32_t days_from_civil(int year, int month, int day);
// Today (UTC) in days since 1970-01-01.
std::int32_t today_in_days();

}  // namespace pushgate
