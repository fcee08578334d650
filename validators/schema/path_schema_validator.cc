#include "validators/schema/path_schema_validator.h"

#include <filesystem>

#include "core/schema/compiled_schema.h"
#include "core/schema/violation.h"

namespace pushgate {

PathSchemaValidator::PathSchemaValidator(const std::vector<SchemaMapping>& mappings) {
  for (const SchemaMapping& mapping : mappings) {
    // The loader compiled these globs already; a failure here would be a bug, not input.
    Result<GlobSet> paths = GlobSet::compile(mapping.paths);
    if (paths) mappings_.push_back(Compiled{std::move(paths).value(), mapping});
  }
}

void PathSchemaValidator::check_file(const FileContext& file, FindingList& out) const {
  ViolationList violations;
  for (const Compiled& compiled : mappings_) {
    if (!compiled.paths.matches(file.file.path)) continue;
    const std::string schema_name =
        std::filesystem::path(compiled.mapping.schema_file).filename().string();
    for (const Document& document : file.file.documents) {
      violations.clear();
      compiled.mapping.schema->validate(document.root(), violations);
      for (const Violation& violation : violations) {
        Finding finding = to_finding(violation, file.file.path);
        finding.message = finding.message + " (schema " + schema_name + ")";
        out.push_back(std::move(finding));
      }
    }
  }
}

}  // namespace pushgate
