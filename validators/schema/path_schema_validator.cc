#include "validators/schema/path_schema_validator.h"

#include <filesystem>

#include "core/schema/compiled_schema.h"
#include "core/schema/violation.h"

namespace pushgate {

PathSchemaValidator::PathSchemaValidator(const std::vector<SchemaMapping>& mappings) {
  for (const SchemaMapping& mapping : mappings) {
    // The loader compiled these globs already; a failure here would be a bug, not input — but
    // a gate that drops a mapping passes what it should judge, so it fails closed instead.
    Result<GlobSet> paths = GlobSet::compile(mapping.paths);
    if (paths) {
      mappings_.push_back(Compiled{std::move(paths).value(), mapping, {}});
    } else {
      mappings_.push_back(
          Compiled{std::move(GlobSet::compile({"**"})).value(), mapping, paths.error().message});
    }
  }
}

void PathSchemaValidator::check_file(const FileContext& file, FindingList& out) const {
  ViolationList violations;
  for (const Compiled& compiled : mappings_) {
    if (!compiled.paths.matches(file.file.path)) continue;
    const std::string schema_name =
        std::filesystem::path(compiled.mapping.schema_file).filename().string();
    if (!compiled.error.empty()) {
      out.push_back(Finding::at("internal/error", Severity::kError, file.file.path, Position{},
                                "the `schemas:` mapping to " + schema_name +
                                    " cannot be applied (" + compiled.error +
                                    "); this file was not checked against it"));
      continue;
    }
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
