#include "core/rule_docs/rule_pages.h"

namespace pushgate {

const RulePage* find_rule_page(std::string_view id) {
  for (const RulePage& page : rule_pages()) {
    if (page.id == id) return &page;
  }
  return nullptr;
}

std::string_view page_severity(const RulePage& page) {
  constexpr std::string_view kMarker = "**Severity:** ";
  const std::size_t at = page.text.find(kMarker);
  if (at == std::string_view::npos) return {};
  const std::size_t start = at + kMarker.size();
  const std::size_t end = page.text.find_first_of(" \n", start);
  return page.text.substr(start, end - start);
}

std::string page_summary(const RulePage& page) {
  // The first paragraph after the severity line, joined into one line.
  std::size_t at = page.text.find("**Severity:**");
  if (at == std::string_view::npos) return {};
  at = page.text.find("\n\n", at);
  if (at == std::string_view::npos) return {};
  const std::size_t start = at + 2;
  std::size_t end = page.text.find("\n\n", start);
  if (end == std::string_view::npos) end = page.text.size();
  std::string summary(page.text.substr(start, end - start));
  for (char& c : summary) {
    if (c == '\n') c = ' ';
  }
  return summary;
}

}  // namespace pushgate
