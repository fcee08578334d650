#pragma once
// The `schemas:` section of pushgate.yaml: JSON Schemas for files that are not Kubernetes
// objects, chosen by path (docs/schema-mappings.md).
//
//   schemas:
//     - paths: ["charts/*/values*.yaml"]
//       schema: schemas/values.schema.json   # JSON or YAML; relative to the config file
//     - paths: ["renovate.json"]
//       schema: /etc/pushgate/renovate-schema.json
//
// Every matching file's documents are validated against the schema (rules schema/<keyword>).
// Schemas are read and compiled once, when the config loads, from the server's side — never
// from the push — and a schema that cannot be read or compiled is a config error.
#include <memory>
#include <string>
#include <vector>

#include "core/config/config_reader.h"

namespace pushgate {

class CompiledSchema;

struct SchemaMapping {
  std::vector<std::string> paths;  // repository path globs (core/base/glob.h)
  std::string schema_file;         // absolute
  std::shared_ptr<const CompiledSchema> schema;
};

struct Config;
void read_schemas_section(ConfigReader& reader, NodeRef value, const std::string& key_path,
                          Config& config);

}  // namespace pushgate
