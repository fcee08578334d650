#pragma once
// Runs a schema::Program over one document. Internal to core/schema; CompiledSchema::validate is
// the public face.
//
// Two modes: with a sink it collects every violation (with paths and messages); without one it
// is a predicate that stops at the first failure and builds nothing, which is how anyOf / oneOf /
// not / if / contains try their branches before deciding what, if anything, to report.
//
// Recursion: one level per document level (the parser bounds documents to
// ParseLimits::max_depth, 256) plus schema-only hops ($ref, allOf, ...), which the compiler
// proved acyclic; kMaxValidationNesting caps the product, so no input can overflow the stack.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/document/document.h"
#include "core/schema/json_path.h"
#include "core/schema/schema_program.h"
#include "core/schema/violation.h"

namespace pushgate::schema {

// Schema-node visits one validation may spend: a Deployment takes about a thousand, so this is
// far above any real document, yet it stops an anyOf-of-anyOf schema that would take minutes.
inline constexpr std::size_t kBaseStepBudget = 2'000'000;
inline constexpr std::size_t kStepsPerDocumentNode = 100;
// Nested schema visits on the stack (document depth times schema-only hops): well below what
// an 8 MiB thread stack holds, well above the few hundred any real schema needs.
inline constexpr int kMaxValidationNesting = 3000;

class SchemaValidator {
 public:
  SchemaValidator(const Program& program, const Document& document, ViolationList* sink,
                  std::size_t max_violations);

  // True when `node` conforms to schema `root`; violations go to the sink, if any.
  bool run(SchemaIndex root, NodeId node);

 private:
  bool validate(SchemaIndex index, NodeId id);
  bool validate_quietly(SchemaIndex index, NodeId id);
  bool quiet() const { return sink_ == nullptr; }

  bool check_type(const SchemaNode& schema, NodeId id, const Node& node);
  bool check_value(const SchemaNode& schema, NodeId id, const Node& node);
  bool check_number(const SchemaNode& schema, NodeId id, const Node& node);
  bool check_string(const SchemaNode& schema, NodeId id, const Node& node);
  bool check_array(const SchemaNode& schema, NodeId id, const Node& node);
  bool check_list_keys(const SchemaNode& schema, const Node& node);
  bool check_object(const SchemaNode& schema, NodeId id, const Node& node);
  bool check_object_fields(const SchemaNode& schema, const Node& node);
  bool check_composition(const SchemaNode& schema, NodeId id, const Node& node);
  void report_alternatives(const std::vector<SchemaIndex>& branches, const SchemaNode& schema,
                           NodeId id, const Node& node, std::string_view keyword);
  void report_unknown_field(const SchemaNode& schema, NodeId key_id, std::string_view key);

  std::uint8_t instance_types(const Node& node) const;
  NodeId find_value(const Node& mapping, std::string_view key) const;
  bool is_absent(NodeId value) const;

  // A new violation at `id` with path, depth and schema location filled in (a scratch one once
  // the sink is full). `extra` appends a last path segment (an item index, an unknown key).
  Violation& begin(NodeId id, const SchemaNode& schema, std::string_view rule,
                   std::string_view keyword, const JsonPathSegment* extra = nullptr);
  std::string subject_of(const Violation& violation) const;

  const Program& program_;
  const std::vector<SchemaNode>& nodes_;
  const Document& doc_;
  ViolationList* sink_;
  ViolationList* top_sink_ = nullptr;  // the caller's list (sink_ may be a branch's scratch list)
  std::size_t max_violations_;
  std::vector<JsonPathSegment> path_;
  std::string_view key_context_;  // set while checking a field name against propertyNames
  bool in_key_context_ = false;
  std::size_t steps_ = 0;
  std::size_t budget_;
  int nesting_ = 0;
  bool stopped_ = false;  // the budget or the nesting limit ran out
  bool nesting_exceeded_ = false;
  bool sink_full_ = false;  // the caller's list reached max_violations_
  Violation scratch_;
};

}  // namespace pushgate::schema
