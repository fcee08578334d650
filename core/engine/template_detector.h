#pragma once
// Go/Helm templates are not YAML and are not parsed as YAML. Two signals:
//  - the path: a file under `templates/` inside a folder that holds a Chart.yaml (a Helm chart);
//  - the content, consulted only after a file failed to parse: a `{{` that is not inside a quoted
//    string (a line that starts with one, or a value that does). Valid YAML that merely carries
//    templates inside strings or block scalars (Alertmanager configs) is parsed and checked.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/source/snapshot.h"

namespace pushgate {

class TemplateDetector {
 public:
  explicit TemplateDetector(const std::vector<Entry>& all_entries);
  bool in_helm_chart_templates(std::string_view path) const;
  static bool has_unquoted_template(std::string_view content);

 private:
  std::set<std::string, std::less<>> chart_dirs_;  // folders holding Chart.yaml ("" = root)
};

}  // namespace pushgate
