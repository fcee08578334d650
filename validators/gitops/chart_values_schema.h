#pragma once
// The values.schema.json of a Helm chart in the tree, compiled with core/schema's JSON Schema
// engine: what gitops/helm-values-schema checks a chart's values files against and
// gitops/helm-release-values checks a HelmRelease's `spec.values` against.
//
//   if (std::optional<CompiledSchema> schema = chart_values_schema(tree, "charts/web"))
//     if (schema->ok()) for (const Violation& v : schema->validate(values)) ...
#include <optional>
#include <string>
#include <string_view>

#include "core/schema/compiled_schema.h"

namespace pushgate {

class TreeView;

inline constexpr std::string_view kChartValuesSchemaName = "values.schema.json";

// `folder`/values.schema.json compiled, when `folder` is a chart (has Chart.yaml) with a schema
// that parses as JSON; nullopt otherwise (a schema that does not parse is json/syntax's finding).
// A schema that parses but does not compile is returned with !ok(): the caller says why.
std::optional<CompiledSchema> chart_values_schema(const TreeView& tree, std::string_view folder);

// "charts/web/values.schema.json" for "charts/web" ("values.schema.json" for the root).
std::string chart_values_schema_path(std::string_view folder);

}  // namespace pushgate
