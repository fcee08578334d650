#include <gtest/gtest.h>

#include "core/config/config.h"
#include "core/policy/builtin_rules.h"
#include "core/rule_docs/rule_pages.h"
#include "validators/validator.h"

namespace pushgate {
namespace {

// Rule ids emitted by the readers and the engine rather than by registered validators, among them
// those built from parts ("yaml/" + "duplicate-key") that `cmake/rule_ids.py --check` cannot see.
constexpr std::string_view kParserRules[] = {
    "yaml/syntax",           "yaml/duplicate-key",   "yaml/encoding",
    "yaml/too-large",        "yaml/depth-limit",     "yaml/alias-budget",
    "yaml/unknown-anchor",   "yaml/merge-key",       "yaml/tag",
    "yaml/template-skipped", "json/syntax",          "json/duplicate-key",
    "json/too-large",        "json/depth-limit",     "json/byte-order-mark",
    "internal/error",        "git/push-too-large",   "hcl/syntax",
    "hcl/too-large",         "hcl/template-skipped",
};

bool declared(std::string_view id) {
  return find_builtin_rule(id) != nullptr || find_declared_finding(id) != nullptr;
}

TEST(RuleCatalog, EveryEmittedRuleHasADocsPageAndARow) {
  for (std::string_view id : kParserRules) {
    EXPECT_NE(find_rule_page(id), nullptr) << id;
    EXPECT_TRUE(declared(id)) << id << " needs a row in core/policy/rule_table.inc";
  }
  const ValidatorSet validators{Config{}};
  for (const auto& v : validators.all()) {
    EXPECT_NE(find_rule_page(v->rule()), nullptr) << v->rule();
    EXPECT_TRUE(declared(v->rule())) << v->rule();
  }
}

TEST(RuleCatalog, PagesHaveTheCommonShape) {
  ASSERT_FALSE(rule_pages().empty());
  for (const RulePage& page : rule_pages()) {
    EXPECT_EQ(page.text.rfind("# " + std::string(page.id) + "\n", 0), 0u) << page.id;
    const std::string_view severity = page_severity(page);
    EXPECT_TRUE(severity == "error" || severity == "warning" || severity == "info") << page.id;
    EXPECT_FALSE(page_summary(page).empty()) << page.id;
  }
}

}  // namespace
}  // namespace pushgate
