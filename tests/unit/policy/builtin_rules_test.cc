// The rule table (core/policy/rule_table.inc), the registered classes (validators/registry.cc,
// validators/git/registry.cc) and the docs pages (docs/rules/) must describe the same rules and
// findings. (The ids the sources spell out: `cmake/rule_ids.py --check`, ctest rule_ids.check.)
#include "core/policy/builtin_rules.h"

#include <gtest/gtest.h>

#include <set>

#include "core/rule_docs/rule_pages.h"
#include "validators/git/git_rule.h"
#include "validators/validator.h"

namespace pushgate {
namespace {

// Every built-in rule on: the strict profile, Pod Security restricted, and the opt-in rules listed
// with the options they need.
Config everything() {
  Config config;
  config.policies.profile = PolicyProfile::kStrict;
  config.policies.pod_security = PodSecurityLevel::kRestricted;
  for (const BuiltinRule& rule : builtin_rules()) {
    if (rule.gate != RuleGate::kOptIn) continue;
    RuleSetting& setting = config.policies.rules[std::string(rule.id)];
    for (const OptionSpec& option : rule.options) {
      if (option.required)
        setting.options.values[std::string(option.name)] = std::vector<std::string>{"example.com"};
    }
  }
  return config;
}

std::multiset<std::string_view> file_rule_ids(const Config& config) {
  const ValidatorSet validators(config);
  std::multiset<std::string_view> ids;
  for (const auto& v : validators.all()) ids.insert(v->rule());
  return ids;
}

std::multiset<std::string_view> git_rule_ids() {
  std::multiset<std::string_view> ids;
  for (const auto& rule : git_rules()) ids.insert(rule->rule());
  return ids;
}

// rule_table.inc declares each rule once; each declared id has exactly one class in its
// registry: validators/registry.cc for file rules, validators/git/registry.cc for git rules.
TEST(BuiltinRules, EveryDeclaredRuleHasExactlyOneClass) {
  const std::multiset<std::string_view> files = file_rule_ids(everything());
  const std::multiset<std::string_view> git = git_rule_ids();
  for (const BuiltinRule& rule : builtin_rules()) {
    if (rule.is_git_rule()) {
      EXPECT_EQ(git.count(rule.id), 1u)
          << rule.id << " needs one line in validators/git/registry.cc";
      EXPECT_EQ(files.count(rule.id), 0u) << rule.id;
      EXPECT_TRUE(rule.id.starts_with("git/")) << rule.id;
    } else {
      EXPECT_EQ(files.count(rule.id), 1u) << rule.id << " needs one line in validators/registry.cc";
      EXPECT_FALSE(rule.id.starts_with("git/")) << rule.id << " is a file rule: not kRefs";
    }
  }
}

// And the other way: every class is declared, as a rule or, for the checks that `policies:` does
// not grade (on whenever their input or their config section is there), as a finding made by a
// check. A new rule class that is missing from rule_table.inc fails here.
TEST(BuiltinRules, EveryRegisteredClassIsDeclared) {
  for (std::string_view id : file_rule_ids(everything())) {
    if (find_builtin_rule(id) != nullptr) continue;
    const DeclaredFinding* finding = find_declared_finding(id);
    ASSERT_NE(finding, nullptr) << id << ": declare the rule in core/policy/rule_table.inc";
    EXPECT_EQ(finding->maker, FindingMaker::kCheck) << id << " is a class: a rule or a check";
  }
  for (std::string_view id : git_rule_ids()) {
    const BuiltinRule* rule = find_builtin_rule(id);
    ASSERT_NE(rule, nullptr) << id << " is not declared in core/policy/rule_table.inc";
    EXPECT_TRUE(rule->is_git_rule()) << id << " is a git rule: declare it kRefs";
  }
}

TEST(BuiltinRules, RulesThePolicyLeavesOffAreNotBuilt) {
  Config config;
  config.policies.rules["k8s/privileged"].enabled = false;
  const ValidatorSet validators(config);
  std::set<std::string_view> built;
  for (const auto& v : validators.all()) built.insert(v->rule());
  EXPECT_EQ(built.count("k8s/privileged"), 0u);         // off
  EXPECT_EQ(built.count("k8s/image-digest"), 0u);       // opt-in, not listed
  EXPECT_EQ(built.count("k8s/run-as-non-root"), 0u);    // restricted, not selected
  EXPECT_EQ(built.count("k8s/host-pid"), 1u);           // baseline
  EXPECT_EQ(built.count("secret/github-token"), 1u);    // minimal
  EXPECT_EQ(built.count("gitops/symlink-escape"), 1u);  // not a policy rule
}

TEST(BuiltinRules, TableIsSortedAndUnique) {
  std::string_view previous;
  for (const BuiltinRule& rule : builtin_rules()) {
    EXPECT_LT(previous, rule.id);
    previous = rule.id;
  }
}

// One page per row and one row per page: `pushgate rules` lists the rows, with their pages'
// summaries, and a page without a row would be a finding nothing declares.
TEST(BuiltinRules, EveryRowHasItsPageAndEveryPageItsRow) {
  for (const DeclaredFinding& finding : declared_findings()) {
    const RulePage* page = find_rule_page(finding.id);
    ASSERT_NE(page, nullptr) << finding.id << " needs docs/rules/" << finding.id << ".md";
    EXPECT_EQ(page_severity(*page), to_string(finding.severity)) << finding.id;
    EXPECT_EQ(find_builtin_rule(finding.id), nullptr) << finding.id;
  }
  for (const RulePage& page : rule_pages()) {
    EXPECT_TRUE(find_builtin_rule(page.id) != nullptr || find_declared_finding(page.id) != nullptr)
        << "docs/rules/" << page.id << ".md has no row in core/policy/rule_table.inc";
  }
}

// What the gate makes itself (a bypass, a push over a limit, a ref it cannot check) is never
// graded, so that none can become a silent accept; its page says so.
TEST(BuiltinRules, GateFindingsSayPoliciesCannotGradeThem) {
  std::size_t gate = 0;
  for (const DeclaredFinding& finding : declared_findings()) {
    if (finding.maker != FindingMaker::kGate) continue;
    ++gate;
    EXPECT_TRUE(finding.id.starts_with("git/")) << finding.id;
    const RulePage* page = find_rule_page(finding.id);
    ASSERT_NE(page, nullptr) << finding.id;
    EXPECT_NE(page->text.find("`policies:` cannot set its severity"), std::string_view::npos)
        << finding.id << " page must say that `policies:` cannot grade it";
  }
  EXPECT_EQ(gate, 3u);  // git/bypass, git/non-commit-ref, git/push-too-large
}

TEST(BuiltinRules, PagesStateSeverityAndProfiles) {
  for (const BuiltinRule& row : builtin_rules()) {
    const BuiltinRule* rule = &row;
    const RulePage* page = find_rule_page(rule->id);
    ASSERT_NE(page, nullptr) << rule->id << " needs docs/rules/" << rule->id << ".md";
    EXPECT_EQ(page_severity(*page), to_string(rule->severity)) << rule->id;
    if (rule->is_git_rule()) continue;  // on by `refs:`, not by a profile
    const std::string profiles = "**Profiles:** " + std::string(describe_gate(rule->gate)) + "\n";
    EXPECT_NE(page->text.find(profiles), std::string_view::npos)
        << rule->id << " page must say " << profiles;
    for (const char* section : {"\n## Why\n", "\n## Bad\n", "\n## Fixed\n"}) {
      EXPECT_NE(page->text.find(section), std::string_view::npos) << rule->id << section;
    }
    for (const OptionSpec& option : rule->options) {
      EXPECT_NE(page->text.find("`" + std::string(option.name) + "`"), std::string_view::npos)
          << rule->id << " page must document option " << option.name;
    }
  }
}

TEST(BuiltinRules, ProfilesNest) {
  PoliciesConfig minimal, recommended, strict;
  minimal.profile = PolicyProfile::kMinimal;
  strict.profile = PolicyProfile::kStrict;
  std::size_t on_minimal = 0, on_recommended = 0, on_strict = 0;
  for (const BuiltinRule& rule : builtin_rules()) {
    const bool m = enabled_by_default(rule, minimal);
    const bool r = enabled_by_default(rule, recommended);
    const bool s = enabled_by_default(rule, strict);
    EXPECT_TRUE(!m || r) << rule.id;
    EXPECT_TRUE(!r || s) << rule.id;
    on_minimal += m;
    on_recommended += r;
    on_strict += s;
    if (rule.gate == RuleGate::kOptIn) {
      EXPECT_FALSE(s) << rule.id;
    }
  }
  EXPECT_LT(on_minimal, on_recommended);
  EXPECT_LT(on_recommended, on_strict);
}

TEST(BuiltinRules, PodSecurityLevelSelectsRestrictedRules) {
  const BuiltinRule* restricted = find_builtin_rule("k8s/run-as-non-root");
  const BuiltinRule* baseline = find_builtin_rule("k8s/privileged");
  ASSERT_NE(restricted, nullptr);
  ASSERT_NE(baseline, nullptr);
  PoliciesConfig policies;
  EXPECT_FALSE(enabled_by_default(*restricted, policies));
  EXPECT_TRUE(enabled_by_default(*baseline, policies));
  policies.pod_security = PodSecurityLevel::kRestricted;
  EXPECT_TRUE(enabled_by_default(*restricted, policies));
  policies.profile = PolicyProfile::kStrict;
  policies.pod_security = PodSecurityLevel::kBaseline;
  EXPECT_FALSE(enabled_by_default(*restricted, policies));
  EXPECT_TRUE(enabled_by_default(*baseline, policies));
}

}  // namespace
}  // namespace pushgate
