#pragma once
// Files that are not Kubernetes objects against the JSON Schemas that `schemas:` maps to their
// paths (core/config/schemas_config.h; docs/schema-mappings.md): every document of a matching
// file, each violation a schema/<keyword> finding at its node, naming the schema file.
#include <vector>

#include "core/base/glob.h"
#include "core/config/schemas_config.h"
#include "validators/validator.h"

namespace pushgate {

class PathSchemaValidator final : public Validator {
 public:
  explicit PathSchemaValidator(const std::vector<SchemaMapping>& mappings);

  std::string_view rule() const override { return "schema/type"; }
  void check_file(const FileContext& file, FindingList& out) const override;

 private:
  struct Compiled {
    GlobSet paths;
    SchemaMapping mapping;
    std::string error;  // why `mapping.paths` did not compile (then `paths` matches everything)
  };
  std::vector<Compiled> mappings_;
};

}  // namespace pushgate
