#include "cli/rules_command.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/did_you_mean.h"
#include "core/config/policies_config.h"
#include "core/policy/builtin_rules.h"
#include "core/rule_docs/rule_pages.h"

namespace pushgate::cli {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

struct RulesOptions {
  std::string id;
  std::string family;
  std::string profile;
  std::string severity;
};

std::string_view family_of(std::string_view id) {
  return id.substr(0, id.find('/'));
}

// The profiles column: which profiles enable a built-in policy rule; "-" for rules that profiles
// do not govern (well-formedness, schemas, git rules: on when their config section is).
// "minimal+" reads "minimal and every profile above it" (profiles nest).
std::string profiles_of(std::string_view id) {
  const BuiltinRule* rule = find_builtin_rule(id);
  if (rule == nullptr) return "-";
  switch (rule->gate) {
    case RuleGate::kMinimal:
      return "minimal+";
    case RuleGate::kRecommended:
      return "recommended+";
    case RuleGate::kStrict:
      return "strict";
    case RuleGate::kOptIn:
      return "opt-in";
    case RuleGate::kPodSecurityBaseline:
      return "minimal+ (pod security)";
    case RuleGate::kPodSecurityRestricted:
      return "strict (pod security)";
    case RuleGate::kRefs:
      return "-";  // on where `refs:` configures it, whatever the profile
  }
  return "-";
}

// One line of the list: every id core/policy/rule_table.inc declares, rules and the other
// findings alike, by id. The summary comes from its page (a test keeps one page per row).
struct Listed {
  std::string_view id;
  std::string_view severity;  // the default, from the row
  const RulePage* page;
};

std::vector<Listed> declared() {
  std::vector<Listed> all;
  for (const BuiltinRule& rule : builtin_rules())
    all.push_back({rule.id, to_string(rule.severity), find_rule_page(rule.id)});
  for (const DeclaredFinding& finding : declared_findings())
    all.push_back({finding.id, to_string(finding.severity), find_rule_page(finding.id)});
  std::sort(all.begin(), all.end(), [](const Listed& a, const Listed& b) { return a.id < b.id; });
  return all;
}

// An unknown filter value: "did you mean", exit 2.
int unknown_value(const char* option, const std::string& value,
                  const std::vector<std::string_view>& known) {
  std::cerr << "pushgate rules: " << option << " `" << value.substr(0, 60) << "` matches no rule";
  std::string_view near =
      value == "warn" ? std::string_view("warning") : closest_name(value, known);
  if (!near.empty()) std::cerr << "; did you mean `" << near << "`?";
  std::cerr << " (one of:";
  for (std::string_view k : known) std::cerr << " " << k;
  std::cerr << ")\n";
  return 2;
}

int run_rules(const RulesOptions& options) {
  if (!options.id.empty()) {
    if (const RulePage* page = find_rule_page(options.id)) {
      std::cout << page->text;
      return 0;
    }
    const RulePage* nearest = nullptr;
    std::size_t best = 4;  // suggest only near misses
    for (const RulePage& page : rule_pages()) {
      const std::size_t d = edit_distance(options.id, page.id);
      if (d < best) {
        best = d;
        nearest = &page;
      }
    }
    std::cerr << "pushgate rules: no rule `" << options.id << "`";
    if (nearest != nullptr) std::cerr << "; did you mean `" << nearest->id << "`?";
    std::cerr << " (run `pushgate rules` for the list)\n";
    return 2;
  }
  const std::vector<Listed> all = declared();
  std::vector<std::string_view> families;
  for (const Listed& listed : all) {
    if (std::find(families.begin(), families.end(), family_of(listed.id)) == families.end()) {
      families.push_back(family_of(listed.id));
    }
  }
  if (!options.family.empty() &&
      std::find(families.begin(), families.end(), options.family) == families.end()) {
    return unknown_value("--family", options.family, families);
  }
  static const std::vector<std::string_view> kSeverities = {"error", "warning", "info"};
  if (!options.severity.empty() &&
      std::find(kSeverities.begin(), kSeverities.end(), options.severity) == kSeverities.end()) {
    return unknown_value("--severity", options.severity, kSeverities);
  }
  static const std::vector<std::pair<std::string_view, PolicyProfile>> kProfiles = {
      {"minimal", PolicyProfile::kMinimal},
      {"recommended", PolicyProfile::kRecommended},
      {"strict", PolicyProfile::kStrict}};
  std::optional<PoliciesConfig> profile;
  if (!options.profile.empty()) {
    for (const auto& [name, value] : kProfiles) {
      if (name == options.profile) {
        profile.emplace();
        profile->profile = value;
      }
    }
    if (!profile)
      return unknown_value("--profile", options.profile, {"minimal", "recommended", "strict"});
  }
  std::vector<const Listed*> shown;
  std::size_t width = 0;
  for (const Listed& listed : all) {
    if (!options.family.empty() && family_of(listed.id) != options.family) continue;
    if (!options.severity.empty() && listed.severity != options.severity) continue;
    if (profile) {
      // What the profile turns on by itself: built-in policy rules it enables.
      const BuiltinRule* rule = find_builtin_rule(listed.id);
      if (rule == nullptr || rule->is_git_rule() || !enabled_by_default(*rule, *profile)) continue;
    }
    shown.push_back(&listed);
    width = std::max(width, listed.id.size());
  }
  for (const Listed* listed : shown) {
    const std::string summary = listed->page != nullptr ? page_summary(*listed->page) : "";
    std::printf("%-*s  %-7s  %-23s  %s\n", static_cast<int>(width), std::string(listed->id).c_str(),
                std::string(listed->severity).c_str(), profiles_of(listed->id).c_str(),
                summary.c_str());
  }
  return 0;
}

}  // namespace

void add_rules_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<RulesOptions>();
  CLI::App* rules = app.add_subcommand(
      "rules", "List every rule, or show what one rule checks and how to fix it");
  rules->add_option("id", options->id, "a rule id, e.g. yaml/duplicate-key");
  rules->add_option("--family", options->family, "only rules of this family, e.g. k8s, git, yaml");
  rules->add_option("--profile", options->profile,
                    "only the policy rules this profile turns on: minimal, recommended, strict");
  rules->add_option("--severity", options->severity,
                    "only rules of this default severity: error, warning, info");
  rules->footer(
      "Columns: id, default severity, profiles that enable it (minimal+: minimal and the "
      "profiles above it; opt-in: only when listed under policies.rules; -: not a policy "
      "rule, on with its config section), summary.\nExamples:\n  pushgate rules\n  pushgate rules "
      "--family k8s --profile strict\n"
      "  pushgate rules yaml/duplicate-key");
  rules->callback([options, &exit_code] { exit_code = run_rules(*options); });
}

}  // namespace pushgate::cli
