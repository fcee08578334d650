#include "validators/gitops/helm_values_schema_rule.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/schema/compiled_schema.h"
#include "core/schema/violation.h"
#include "core/tree/change_set.h"
#include "validators/gitops/chart_values_schema.h"

namespace pushgate {
namespace {

std::string join(std::string_view folder, std::string_view name) {
  return folder.empty() ? std::string(name) : std::string(folder) + "/" + std::string(name);
}

std::string_view base_name(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// values.yaml, values-prod.yaml, values.prod.yml, ...
bool is_values_file(std::string_view name) {
  if (!name.starts_with("values")) return false;
  if (!name.ends_with(".yaml") && !name.ends_with(".yml")) return false;
  const std::string_view rest = name.substr(6);
  return rest.starts_with(".") || rest.starts_with("-") || rest.starts_with("_");
}

bool is_defaults(std::string_view name) {
  return name == "values.yaml" || name == "values.yml";
}

}  // namespace

void HelmValuesSchemaRule::check_run(const RunContext& run, FindingList& out) const {
  if (run.tree == nullptr) return;
  const TreeView& tree = *run.tree;
  const ChangeSet changes(run.changed, run.deleted);
  if (changes.empty()) return;
  for (const Entry& entry : tree.entries()) {
    if (base_name(entry.path) != kChartValuesSchemaName) continue;
    const std::string_view folder = parent_folder(entry.path);
    if (!tree.has_file(join(folder, "Chart.yaml"))) continue;  // not a chart
    std::vector<const Entry*> values;
    for (const Entry& e : tree.under(folder)) {
      if (parent_folder(e.path) == folder && is_values_file(base_name(e.path)))
        values.push_back(&e);
    }
    bool affected = changes.contains(entry.path);
    for (const Entry* e : values) affected = affected || changes.contains(e->path);
    if (!affected || values.empty()) continue;

    std::optional<CompiledSchema> loaded = chart_values_schema(tree, folder);
    if (!loaded) continue;
    const CompiledSchema& schema = *loaded;
    if (!schema.ok()) {
      out.push_back(Finding::at(
          std::string(rule()), Severity::kError, entry.path, Position{1, 1},
          "values.schema.json cannot be used to check values: " + schema.error().message +
              "; fix the schema (Helm fails on it as well)"));
      continue;
    }
    for (const Entry* e : values) {
      const TreeFile* file = tree.file(e->path);
      if (file == nullptr || !file->parsed || file->parsed->documents.empty()) continue;
      const bool defaults = is_defaults(base_name(e->path));
      for (const Violation& v : schema.validate(file->parsed->documents.front().root())) {
        if (!defaults && v.keyword == "required") continue;  // the merge may provide it
        Finding f = to_finding(v, e->path);
        f.rule = std::string(rule());
        f.message = v.message + " (" + join(folder, kChartValuesSchemaName) +
                    "); fix the value or the schema";
        out.push_back(std::move(f));
      }
    }
  }
}

}  // namespace pushgate
