#include "validators/gitops/chart_values_schema.h"

#include <nlohmann/json.hpp>

#include "core/tree/tree_view.h"

namespace pushgate {

std::string chart_values_schema_path(std::string_view folder) {
  return folder.empty() ? std::string(kChartValuesSchemaName)
                        : std::string(folder) + "/" + std::string(kChartValuesSchemaName);
}

std::optional<CompiledSchema> chart_values_schema(const TreeView& tree, std::string_view folder) {
  if (!tree.has_file(folder.empty() ? std::string("Chart.yaml")
                                    : std::string(folder) + "/Chart.yaml")) {
    return std::nullopt;  // not a chart
  }
  const TreeFile* schema_file = tree.file(chart_values_schema_path(folder));
  if (schema_file == nullptr || !schema_file->parsed || !schema_file->parsed->complete) {
    return std::nullopt;
  }
  const nlohmann::json document = nlohmann::json::parse(schema_file->content, nullptr, false);
  if (document.is_discarded()) return std::nullopt;  // json/syntax reports it
  return CompiledSchema::compile(document);
}

}  // namespace pushgate
