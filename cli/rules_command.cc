#include "cli/rules_command.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "core/rules/rule_catalog.h"

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

int run_rules(const std::string& id) {
  if (id.empty()) {
    std::size_t width = 0;
    for (const RulePage& page : rule_pages()) width = std::max(width, page.id.size());
    for (const RulePage& page : rule_pages()) {
      std::printf("%-*s  %-7s  %s\n", static_cast<int>(width), std::string(page.id).c_str(),
                  std::string(page_severity(page)).c_str(), page_summary(page).c_str());
    }
    return 0;
  }
  if (const RulePage* page = find_rule_page(id)) {
    std::cout << page->text;
    return 0;
  }
  const RulePage* nearest = nullptr;
  std::size_t best = 4;  // suggest only near misses
  for (const RulePage& page : rule_pages()) {
    const std::size_t d = edit_distance(id, page.id);
    if (d < best) {
      best = d;
      nearest = &page;
    }
  }
  std::cerr << "pushgate rules: no rule `" << id << "`";
  if (nearest != nullptr) std::cerr << "; did you mean `" << nearest->id << "`?";
  std::cerr << " (run `pushgate rules` for the list)\n";
  return 2;
}

}  // namespace

void add_rules_command(CLI::App& app, int& exit_code) {
  auto id = std::make_shared<std::string>();
  CLI::App* rules =
      app.add_subcommand("rules", "List every rule, or show what one rule checks and how to fix it");
  rules->add_option("id", *id, "a rule id, e.g. yaml/duplicate-key");
  rules->footer("Examples:\n  pushgate rules\n  pushgate rules yaml/duplicate-key");
  rules->callback([id, &exit_code] { exit_code = run_rules(*id); });
}

}  // namespace pushgate::cli
