#include "core/schema/compiled_schema.h"

#include "core/schema/schema_compiler.h"
#include "core/schema/schema_program.h"
#include "core/schema/schema_validator.h"

namespace pushgate {

CompiledSchema::CompiledSchema(CompiledSchema&&) noexcept = default;
CompiledSchema& CompiledSchema::operator=(CompiledSchema&&) noexcept = default;
CompiledSchema::~CompiledSchema() = default;

CompiledSchema CompiledSchema::failed(Error error, std::string location) {
  CompiledSchema schema;
  schema.error_ = std::move(error);
  schema.error_location_ = std::move(location);
  return schema;
}

CompiledSchema CompiledSchema::compile(const nlohmann::json& schema,
                                       const CompileOptions& options) {
  std::vector<CompiledSchema> all = compile_all(schema, {""}, options);
  return std::move(all.front());
}

std::vector<CompiledSchema> CompiledSchema::compile_all(
    const nlohmann::json& document, const std::vector<std::string>& entry_pointers,
    const CompileOptions& options) {
  schema::ProgramBuild build = schema::build_program(document, entry_pointers, options);
  std::vector<CompiledSchema> result;
  result.reserve(entry_pointers.size());
  for (std::size_t i = 0; i < entry_pointers.size(); ++i) {
    if (build.error) {
      result.push_back(failed(*build.error, build.error_location));
      continue;
    }
    CompiledSchema compiled;
    compiled.program_ = build.program;
    compiled.root_ = build.roots[i];
    result.push_back(std::move(compiled));
  }
  return result;
}

ViolationList CompiledSchema::validate(NodeRef instance) const {
  ViolationList out;
  validate(instance, out);
  return out;
}

void CompiledSchema::validate(NodeRef instance, ViolationList& out) const {
  if (!ok()) {
    // Fail closed: a schema that did not compile rejects everything it is asked about.
    Violation v;
    v.rule = "schema/invalid-schema";
    v.node = instance;
    v.message = "cannot validate: the schema is invalid (" + error_->message + ")";
    out.push_back(std::move(v));
    return;
  }
  if (!instance) {
    Violation v;
    v.rule = "schema/type";
    v.message = "document is empty; expected a value the schema describes";
    out.push_back(std::move(v));
    return;
  }
  std::size_t limit = out.size() + kMaxViolations;
  schema::SchemaValidator validator(*program_, *instance.document(), &out, limit);
  validator.run(root_, instance.id());
}

bool CompiledSchema::is_valid(NodeRef instance) const {
  if (!ok() || !instance) return false;
  schema::SchemaValidator validator(*program_, *instance.document(), nullptr, 0);
  return validator.run(root_, instance.id());
}

std::size_t CompiledSchema::program_size() const {
  return program_ ? program_->nodes.size() : 0;
}

}  // namespace pushgate
