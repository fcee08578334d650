#pragma once
// The compiled form of a schema: a flat table of SchemaNodes that refer to each other by index
// (so `$ref` cycles are just indexes), with every pattern already compiled and every property
// table already hashed. Built by SchemaCompiler, run by SchemaValidator, shared (immutable) by
// every CompiledSchema compiled from the same document. Internal to core/schema.
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>
#include <nlohmann/json.hpp>

#include "core/schema/string_format.h"

namespace pushgate::schema {

using SchemaIndex = std::uint32_t;
inline constexpr SchemaIndex kNoSchema = std::numeric_limits<SchemaIndex>::max();
using PatternIndex = std::uint32_t;
inline constexpr PatternIndex kNoPattern = std::numeric_limits<PatternIndex>::max();

// JSON Schema's primitive types as bits; "number" includes "integer".
enum TypeBit : std::uint8_t {
  kNullType = 1 << 0,
  kBooleanType = 1 << 1,
  kIntegerType = 1 << 2,
  kNumberType = 1 << 3,
  kStringType = 1 << 4,
  kArrayType = 1 << 5,
  kObjectType = 1 << 6,
};
inline constexpr std::uint8_t kAnyType = 0x7F;

// Which keyword families a node has, so the validator skips absent ones with one test.
enum CheckBit : std::uint32_t {
  kCheckType = 1u << 0,
  kCheckEnum = 1u << 1,
  kCheckConst = 1u << 2,
  kCheckNumber = 1u << 3,  // minimum, maximum, exclusive*, multipleOf
  kCheckString = 1u << 4,  // minLength, maxLength, pattern, asserted format
  kCheckArray = 1u << 5,   // items, additionalItems, contains, *Items, uniqueItems, list types
  kCheckObject = 1u << 6,  // properties, patternProperties, additionalProperties, required, ...
  kCheckAllOf = 1u << 7,
  kCheckAnyOf = 1u << 8,
  kCheckOneOf = 1u << 9,
  kCheckNot = 1u << 10,
  kCheckConditional = 1u << 11,  // if / then / else
  kCheckFalse = 1u << 12,        // the schema `false` (or `not: {}`)
  kCheckNullable = 1u << 13,     // OpenAPI nullable: null passes everything
};

// Property name → schema, open addressing over precomputed hashes: a lookup hashes the key once
// and compares strings only on a hash match.
class PropertyTable {
 public:
  struct Entry {
    std::string name;
    SchemaIndex schema = kNoSchema;
    std::size_t hash = 0;
  };

  void build(std::vector<Entry> entries);
  SchemaIndex find(std::string_view name) const;
  bool empty() const { return entries_.empty(); }
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> slots_;  // entry index + 1; 0 is an empty slot
  std::size_t mask_ = 0;
};

struct PatternProperty {
  PatternIndex pattern = kNoPattern;
  SchemaIndex schema = kNoSchema;
};

struct Dependency {
  std::string property;
  std::vector<std::string> required;  // property-dependency form
  SchemaIndex schema = kNoSchema;     // schema-dependency form
};

enum class AdditionalProperties : std::uint8_t {
  kAllow,         // not restricted
  kForbid,        // additionalProperties: false
  kForbidStrict,  // closed by CompileOptions::strict (the schema itself did not say)
  kSchema,        // additionalProperties: {schema}
};

enum class ListType : std::uint8_t { kAtomic, kSet, kMap };  // x-kubernetes-list-type

struct SchemaNode {
  std::uint32_t checks = 0;
  std::uint8_t types = kAnyType;
  bool int_or_string = false;            // x-kubernetes-int-or-string / format: int-or-string
  bool preserve_unknown_fields = false;  // x-kubernetes-preserve-unknown-fields
  bool embedded_resource = false;        // x-kubernetes-embedded-resource

  SchemaIndex ref = kNoSchema;  // $ref: the target replaces this node (siblings are ignored)

  // enum / const
  std::vector<nlohmann::json> enum_values;
  std::vector<std::string> enum_strings;  // sorted; set when every enum value is a string
  bool enum_all_strings = false;
  nlohmann::json const_value;

  // numbers
  std::optional<double> minimum;
  std::optional<double> maximum;
  bool exclusive_minimum = false;
  bool exclusive_maximum = false;
  double multiple_of = 0;  // 0: none

  // strings
  std::uint64_t min_length = 0;
  std::uint64_t max_length = std::numeric_limits<std::uint64_t>::max();
  PatternIndex pattern = kNoPattern;
  StringFormat format = StringFormat::kNone;

  // arrays
  SchemaIndex items = kNoSchema;         // one schema for every item
  std::vector<SchemaIndex> tuple_items;  // items: [..] (positional)
  bool has_tuple_items = false;
  SchemaIndex additional_items = kNoSchema;  // with tuple items only
  SchemaIndex contains = kNoSchema;
  std::uint64_t min_items = 0;
  std::uint64_t max_items = std::numeric_limits<std::uint64_t>::max();
  bool unique_items = false;
  ListType list_type = ListType::kAtomic;
  std::vector<std::string> list_map_keys;
  std::vector<nlohmann::json> list_map_key_defaults;  // per key; null when the key has none

  // objects
  PropertyTable properties;
  std::vector<PatternProperty> pattern_properties;
  AdditionalProperties additional = AdditionalProperties::kAllow;
  SchemaIndex additional_schema = kNoSchema;
  std::vector<std::string> required;
  std::uint64_t min_properties = 0;
  std::uint64_t max_properties = std::numeric_limits<std::uint64_t>::max();
  std::vector<Dependency> dependencies;
  SchemaIndex property_names = kNoSchema;

  // composition
  std::vector<SchemaIndex> all_of;
  std::vector<SchemaIndex> any_of;
  std::vector<SchemaIndex> one_of;
  SchemaIndex not_schema = kNoSchema;
  SchemaIndex if_schema = kNoSchema;
  SchemaIndex then_schema = kNoSchema;
  SchemaIndex else_schema = kNoSchema;

  std::string location;  // where the schema came from: "#/definitions/Foo/properties/bar"
};

// How instances are judged; fixed at compile time (CompileOptions).
struct ProgramSemantics {
  bool integer_accepts_integral_float = true;
  bool null_means_absent = false;
};

struct Program {
  std::vector<SchemaNode> nodes;
  std::vector<std::unique_ptr<re2::RE2>> patterns;
  std::vector<std::string> pattern_sources;  // as the schema wrote them, for messages
  ProgramSemantics semantics;
};

}  // namespace pushgate::schema
