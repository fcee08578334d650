#include "core/finding/finding.h"

#include <algorithm>
#include <tuple>

namespace pushgate {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "error";
}

bool parse_severity(std::string_view text, Severity& out) {
  if (text == "error") {
    out = Severity::kError;
  } else if (text == "warning" || text == "warn") {
    out = Severity::kWarning;
  } else if (text == "info") {
    out = Severity::kInfo;
  } else {
    return false;
  }
  return true;
}

SeverityCounts count_by_severity(const FindingList& findings) {
  SeverityCounts counts;
  for (const Finding& f : findings) {
    switch (f.severity) {
      case Severity::kError:
        ++counts.errors;
        break;
      case Severity::kWarning:
        ++counts.warnings;
        break;
      case Severity::kInfo:
        ++counts.infos;
        break;
    }
  }
  return counts;
}

void sort_for_report(FindingList& findings) {
  auto key = [](const Finding& f) {
    return std::make_tuple(-static_cast<int>(f.severity), std::string_view(f.ref),
                           std::string_view(f.path), f.position.line, f.position.column,
                           std::string_view(f.rule));
  };
  std::stable_sort(findings.begin(), findings.end(),
                   [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
}

}  // namespace pushgate
