#pragma once
// Runs the real policy flow on one file without an engine: config text -> Config (the real
// loader) -> the validators it enables -> the policy pass, at a fixed "today".
//
//   FindingList out = check_with_policy("version: 1\npolicies: {profile: strict}\n",
//                                       "clusters/prod/web.yaml", manifest);
#include <gtest/gtest.h>

#include <string>

#include "core/config/config.h"
#include "core/policy/policy_date.h"
#include "core/policy/policy_pass.h"
#include "tests/unit/policy/rule_fixture.h"
#include "validators/validator.h"

namespace pushgate::testing {

// 2025-06-01: exceptions in these tests expire relative to this day, never to the clock.
inline std::int32_t test_today() {
  return days_from_civil(2025, 6, 1);
}

inline Config load_or_fail(const std::string& config_text) {
  ConfigLoad load = load_config_text("pushgate.yaml", config_text);
  for (const Finding& f : load.findings) {
    ADD_FAILURE() << "config: " << f.position.line << ":" << f.position.column << " " << f.message;
  }
  return load.config ? *load.config : Config{};
}

inline FindingList check_with_policy(const std::string& config_text, const std::string& path,
                                     const std::string& text, std::string_view ref = "",
                                     std::int32_t today = test_today()) {
  const Config config = load_or_fail(config_text);
  const ValidatorSet validators(config);
  const OneFileSnapshot snapshot(path, text);
  FindingList out;
  for (const auto& v : validators.all()) {
    v->check_entry(EntryContext{snapshot, snapshot.entries()[0], text, ref}, out);
  }
  const ParsedFile file = parse_yaml(path, text, ParseLimits{});
  const FileContext context{file, text, ref};
  for (const auto& v : validators.all()) v->check_file(context, out);
  for (const auto& v : validators.all()) {
    if (v->wants_run()) {
      v->check_run(RunContext{std::span<const FileContext>(&context, 1), ref, "", "", ""}, out);
    }
  }
  PolicyPass(config.policies, today).apply(PolicyInput{path, text, &file}, out);
  return out;
}

// "rule severity line:col" for each finding, sorted, for one EXPECT_EQ.
inline std::vector<std::string> summary(const FindingList& findings) {
  std::vector<std::string> rows;
  for (const Finding& f : findings) {
    rows.push_back(f.rule + " " + std::string(to_string(f.severity)) + " " +
                   std::to_string(f.position.line) + ":" + std::to_string(f.position.column));
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace pushgate::testing
