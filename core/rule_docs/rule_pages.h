#pragma once
// Every rule's documentation page (docs/rules/<family>/<name>.md), compiled into the binary by
// cmake/EmbedRuleDocs.cmake, for `pushgate rules [ID]` and the SARIF reporter. Pages only: the ids
// and their severities are declared in core/policy/rule_table.inc (one page per row, checked by
// builtin_rules_test.cc), the rules themselves are classes in validators/. A page's first lines
// give the severity and a one-line summary.
//
//   if (const RulePage* page = find_rule_page("yaml/duplicate-key")) std::cout << page->text;
#include <string>
#include <string_view>
#include <vector>

namespace pushgate {

struct RulePage {
  std::string_view id;    // "yaml/duplicate-key"
  std::string_view text;  // the whole Markdown page
};

const std::vector<RulePage>& rule_pages();  // sorted by id
const RulePage* find_rule_page(std::string_view id);

// From a page's "**Severity:** error · **Family:** yaml" line and its first paragraph.
std::string_view page_severity(const RulePage& page);
std::string page_summary(const RulePage& page);

}  // namespace pushgate
