#include "core/schema/schema_validator.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "core/base/did_you_mean.h"
#include "core/base/words.h"
#include "core/schema/instance_equality.h"
#include "core/schema/value_description.h"

namespace pushgate::schema {
namespace {

// Up to this many items, duplicates are found pairwise (no allocation); beyond it, by hash.
constexpr std::uint32_t kPairwiseDuplicateLimit = 16;
// Enum values and known field names listed in a message, at most.
constexpr std::size_t kMaxListed = 10;

// Calls on_duplicate(later, earlier) for each item equal to an earlier one, in item order;
// stops when it returns false.
template <typename Hash, typename Equal, typename OnDuplicate>
void find_duplicates(std::uint32_t count, Hash&& hash, Equal&& equal, OnDuplicate&& on_duplicate) {
  if (count < 2) return;
  if (count <= kPairwiseDuplicateLimit) {
    for (std::uint32_t later = 1; later < count; ++later) {
      for (std::uint32_t earlier = 0; earlier < later; ++earlier) {
        if (!equal(earlier, later)) continue;
        if (!on_duplicate(later, earlier)) return;
        break;
      }
    }
    return;
  }
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed(count);
  for (std::uint32_t i = 0; i < count; ++i) keyed[i] = {hash(i), i};
  std::sort(keyed.begin(), keyed.end());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> found;
  for (std::size_t run = 0; run < keyed.size();) {
    std::size_t end = run + 1;
    while (end < keyed.size() && keyed[end].first == keyed[run].first) ++end;
    for (std::size_t b = run + 1; b < end; ++b) {
      for (std::size_t a = run; a < b; ++a) {
        if (equal(keyed[a].second, keyed[b].second)) {
          found.emplace_back(keyed[b].second, keyed[a].second);
          break;
        }
      }
    }
    run = end;
  }
  std::sort(found.begin(), found.end());
  for (const auto& [later, earlier] : found) {
    if (!on_duplicate(later, earlier)) return;
  }
}

std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

std::string format_number(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  std::string text = std::to_string(value);
  while (!text.empty() && text.back() == '0') text.pop_back();
  return text;
}

bool is_embedded_resource_field(std::string_view key) {
  return key == "apiVersion" || key == "kind" || key == "metadata";
}

}  // namespace

SchemaValidator::SchemaValidator(const Program& program, const Document& document,
                                 ViolationList* sink, std::size_t max_violations)
    : program_(program),
      nodes_(program.nodes),
      doc_(document),
      sink_(sink),
      max_violations_(max_violations),
      budget_(kBaseStepBudget + kStepsPerDocumentNode * document.node_count()) {}

bool SchemaValidator::run(SchemaIndex root, NodeId node) {
  path_.reserve(32);
  top_sink_ = sink_;
  bool ok = validate(root, node);
  if (!stopped_) return ok && !sink_full_;
  if (top_sink_ != nullptr) {
    // Always said, even past the violation cap: it is why the check is incomplete.
    sink_ = top_sink_;
    max_violations_ = std::numeric_limits<std::size_t>::max();
    Violation& v = begin(node, nodes_[root], "schema/too-complex", "");
    v.message = nesting_exceeded_
                    ? "validation stopped: this schema nests more than " +
                          std::to_string(kMaxValidationNesting) +
                          " levels deep through this document; simplify the schema"
                    : "validation stopped after " + std::to_string(budget_) +
                          " steps: the schema's nested anyOf/oneOf branches make this document "
                          "too costly to check; simplify the schema";
  }
  return false;
}

bool SchemaValidator::validate_quietly(SchemaIndex index, NodeId id) {
  ViolationList* saved = sink_;
  sink_ = nullptr;
  bool ok = validate(index, id);
  sink_ = saved;
  return ok;
}

std::uint8_t SchemaValidator::instance_types(const Node& node) const {
  switch (node.kind) {
    case NodeKind::kNull:
      return kNullType;
    case NodeKind::kBool:
      return kBooleanType;
    case NodeKind::kInt:
      return kIntegerType | kNumberType;
    case NodeKind::kFloat: {
      if (!std::isfinite(node.value.f) || node.value.f != std::floor(node.value.f)) {
        return kNumberType;
      }
      // An integral float: 1.0 (an integer for draft-06+, not for draft-04 or Kubernetes), or
      // an integer too large for 64 bits, written without fraction or exponent.
      std::string_view text = doc_.text(node);
      bool written_as_integer = text.find_first_of(".eE") == std::string_view::npos;
      if (written_as_integer || program_.semantics.integer_accepts_integral_float) {
        return kIntegerType | kNumberType;
      }
      return kNumberType;
    }
    case NodeKind::kString:
      return kStringType;
    case NodeKind::kMapping:
      return kObjectType;
    case NodeKind::kSequence:
      return kArrayType;
  }
  return 0;
}

NodeId SchemaValidator::find_value(const Node& mapping, std::string_view key) const {
  for (std::uint32_t i = 0; i < mapping.count; ++i) {
    if (doc_.text(doc_.node(doc_.child(mapping.first + 2 * i))) == key) {
      return doc_.child(mapping.first + 2 * i + 1);
    }
  }
  return kNoNode;
}

bool SchemaValidator::is_absent(NodeId value) const {
  return value == kNoNode ||
         (program_.semantics.null_means_absent && doc_.node(value).kind == NodeKind::kNull);
}

Violation& SchemaValidator::begin(NodeId id, const SchemaNode& schema, std::string_view rule,
                                  std::string_view keyword, const JsonPathSegment* extra) {
  Violation* v = &scratch_;
  if (sink_ != nullptr && sink_->size() < max_violations_) {
    sink_->emplace_back();
    v = &sink_->back();
    // The document is already rejected and the report full: stop walking it.
    if (sink_ == top_sink_ && sink_->size() == max_violations_) sink_full_ = true;
  } else {
    scratch_ = Violation{};
  }
  v->rule = rule;
  v->keyword = keyword;
  v->node = NodeRef(&doc_, id);
  v->json_path = format_json_path(path_);
  v->depth = static_cast<int>(path_.size());
  if (extra != nullptr) {
    if (extra->is_index) {
      append_json_path_index(v->json_path, extra->index);
    } else {
      append_json_path_key(v->json_path, extra->key);
    }
    ++v->depth;
  }
  v->schema_location = schema.location;
  return *v;
}

std::string SchemaValidator::subject_of(const Violation& v) const {
  if (!in_key_context_) return std::string(subject(v.json_path));
  std::string text = "field name " + quote(key_context_);
  if (!v.json_path.empty()) text += " in " + v.json_path;
  return text;
}

bool SchemaValidator::validate(SchemaIndex index, NodeId id) {
  if (stopped_ || sink_full_) return false;
  if (++steps_ > budget_) {
    stopped_ = true;
    return false;
  }
  const SchemaNode* schema = &nodes_[index];
  while (schema->ref != kNoSchema) schema = &nodes_[schema->ref];  // acyclic: compile checked
  if (schema->checks == 0) return true;
  if (nesting_ >= kMaxValidationNesting) {
    stopped_ = true;
    nesting_exceeded_ = true;
    return false;
  }
  ++nesting_;
  struct Unnest {
    int& nesting;
    ~Unnest() { --nesting; }
  } unnest{nesting_};

  const Node& node = doc_.node(id);
  const std::uint32_t checks = schema->checks;
  if ((checks & kCheckNullable) && node.kind == NodeKind::kNull) return true;
  if (checks & kCheckFalse) {
    if (quiet()) return false;
    Violation& v = begin(id, *schema, "schema/false", "false");
    v.expected = "nothing";
    v.found = describe_value(v.node);
    v.message = subject_of(v) + " is not allowed here; remove it";
    return false;
  }
  bool ok = true;
  if ((checks & kCheckType) && !check_type(*schema, id, node)) {
    if (quiet()) return false;
    ok = false;
  }
  if ((checks & (kCheckEnum | kCheckConst)) && !check_value(*schema, id, node)) {
    if (quiet()) return false;
    ok = false;
  }
  switch (node.kind) {
    case NodeKind::kInt:
    case NodeKind::kFloat:
      if ((checks & kCheckNumber) && !check_number(*schema, id, node)) {
        if (quiet()) return false;
        ok = false;
      }
      break;
    case NodeKind::kString:
      if ((checks & kCheckString) && !check_string(*schema, id, node)) {
        if (quiet()) return false;
        ok = false;
      }
      break;
    case NodeKind::kSequence:
      if ((checks & kCheckArray) && !check_array(*schema, id, node)) {
        if (quiet()) return false;
        ok = false;
      }
      break;
    case NodeKind::kMapping:
      if ((checks & kCheckObject) && !check_object(*schema, id, node)) {
        if (quiet()) return false;
        ok = false;
      }
      break;
    default:
      break;
  }
  constexpr std::uint32_t kComposition =
      kCheckAllOf | kCheckAnyOf | kCheckOneOf | kCheckNot | kCheckConditional;
  if ((checks & kComposition) && !check_composition(*schema, id, node)) {
    if (quiet()) return false;
    ok = false;
  }
  return ok && !stopped_;
}

bool SchemaValidator::check_type(const SchemaNode& schema, NodeId id, const Node& node) {
  const std::uint8_t allowed =
      schema.int_or_string ? static_cast<std::uint8_t>(kIntegerType | kStringType) : schema.types;
  if (allowed & instance_types(node)) return true;
  if (quiet()) return false;
  Violation& v = begin(id, schema, "schema/type", "type");
  v.expected = describe_types(allowed);
  v.found = describe_value(v.node);
  v.message = subject_of(v) + " must be " + v.expected + ", got " + v.found +
              yaml_typing_hint(v.node, allowed);
  return false;
}

bool SchemaValidator::check_value(const SchemaNode& schema, NodeId id, const Node& node) {
  bool ok = true;
  if (schema.checks & kCheckEnum) {
    bool found = false;
    if (schema.enum_all_strings) {
      found = node.kind == NodeKind::kString &&
              std::binary_search(schema.enum_strings.begin(), schema.enum_strings.end(),
                                 doc_.text(node), std::less<>());
    } else {
      for (const nlohmann::json& value : schema.enum_values) {
        if (node_equals_json(doc_, id, value)) {
          found = true;
          break;
        }
      }
    }
    if (!found) {
      if (quiet()) return false;
      ok = false;
      Violation& v = begin(id, schema, "schema/enum", "enum");
      std::string listed;
      std::uint8_t listed_types = 0;
      for (std::size_t i = 0; i < schema.enum_values.size(); ++i) {
        const nlohmann::json& value = schema.enum_values[i];
        if (value.is_string()) listed_types |= kStringType;
        if (i == kMaxListed) {
          listed += ", ...";
          break;
        }
        if (i > 0) listed += ", ";
        listed += value.dump();
      }
      v.expected = "one of " + listed;
      v.found = describe_value(v.node);
      v.message = subject_of(v) + " must be one of " + listed + ", got " + v.found;
      if (node.kind == NodeKind::kString && schema.enum_all_strings) {
        std::vector<std::string_view> names(schema.enum_strings.begin(), schema.enum_strings.end());
        std::string_view near = closest_name(doc_.text(node), names);
        if (!near.empty()) v.message += "; did you mean " + quote(near) + "?";
      } else if (node.kind != NodeKind::kString && listed_types != 0) {
        v.message += yaml_typing_hint(v.node, listed_types);
      }
    }
  }
  if ((schema.checks & kCheckConst) && !node_equals_json(doc_, id, schema.const_value)) {
    if (quiet()) return false;
    Violation& v = begin(id, schema, "schema/const", "const");
    v.expected = schema.const_value.dump();
    v.found = describe_value(v.node);
    v.message = subject_of(v) + " must be " + v.expected + ", got " + v.found;
    ok = false;
  }
  return ok;
}

bool SchemaValidator::check_number(const SchemaNode& schema, NodeId id, const Node& node) {
  const double value =
      node.kind == NodeKind::kInt ? static_cast<double>(node.value.i) : node.value.f;
  bool ok = true;
  auto fail = [&](std::string_view rule, std::string_view keyword, std::string expected) {
    Violation& v = begin(id, schema, rule, keyword);
    v.expected = std::move(expected);
    v.found = describe_value(v.node);
    v.message = subject_of(v) + " must be " + v.expected + ", got " + std::string(doc_.text(node));
    ok = false;
  };
  if (schema.minimum) {
    bool below =
        schema.exclusive_minimum ? !(value > *schema.minimum) : !(value >= *schema.minimum);
    if (below) {
      if (quiet()) return false;
      fail("schema/minimum", schema.exclusive_minimum ? "exclusiveMinimum" : "minimum",
           std::string(schema.exclusive_minimum ? "> " : ">= ") + format_number(*schema.minimum));
    }
  }
  if (schema.maximum) {
    bool above =
        schema.exclusive_maximum ? !(value < *schema.maximum) : !(value <= *schema.maximum);
    if (above) {
      if (quiet()) return false;
      fail("schema/maximum", schema.exclusive_maximum ? "exclusiveMaximum" : "maximum",
           std::string(schema.exclusive_maximum ? "< " : "<= ") + format_number(*schema.maximum));
    }
  }
  if (schema.multiple_of > 0) {
    const double m = schema.multiple_of;
    bool multiple;
    if (node.kind == NodeKind::kInt && m == std::floor(m) && m < 9.0e15) {
      multiple = node.value.i % static_cast<std::int64_t>(m) == 0;
    } else {
      // Decimal steps (0.01) are inexact in binary: accept a remainder within rounding error.
      double remainder = std::fabs(std::fmod(value, m));
      double tolerance = m * 1e-9;
      multiple = std::isfinite(value) && (remainder <= tolerance || m - remainder <= tolerance);
    }
    if (!multiple) {
      if (quiet()) return false;
      fail("schema/multiple-of", "multipleOf", "a multiple of " + format_number(m));
    }
  }
  return ok;
}

bool SchemaValidator::check_string(const SchemaNode& schema, NodeId id, const Node& node) {
  const std::string_view text = doc_.text(node);
  bool ok = true;
  if (schema.min_length > 0 || schema.max_length != std::numeric_limits<std::uint64_t>::max()) {
    std::size_t length = count_code_points(text);
    if (length < schema.min_length || length > schema.max_length) {
      if (quiet()) return false;
      bool too_short = length < schema.min_length;
      Violation& v = begin(id, schema, too_short ? "schema/min-length" : "schema/max-length",
                           too_short ? "minLength" : "maxLength");
      v.expected = too_short ? "at least " + plural(schema.min_length, "character", "characters")
                             : "at most " + plural(schema.max_length, "character", "characters");
      v.found = plural(length, "character", "characters");
      v.message = subject_of(v) + " must be " + v.expected + " long, got " + v.found;
      if (!too_short) v.message += "; shorten it";
      ok = false;
    }
  }
  if (schema.pattern != kNoPattern && !RE2::PartialMatch(re2::StringPiece(text.data(), text.size()),
                                                         *program_.patterns[schema.pattern])) {
    if (quiet()) return false;
    Violation& v = begin(id, schema, "schema/pattern", "pattern");
    v.expected = "a match for " + program_.pattern_sources[schema.pattern];
    v.found = describe_value(v.node);
    v.message = subject_of(v) + " must match the pattern " +
                program_.pattern_sources[schema.pattern] + ", got " + quote(text);
    ok = false;
  }
  if (schema.format != StringFormat::kNone && !matches_string_format(schema.format, text)) {
    if (quiet()) return false;
    Violation& v = begin(id, schema, "schema/format", "format");
    v.expected = describe_string_format(schema.format);
    v.found = describe_value(v.node);
    v.message = subject_of(v) + " must be " + v.expected + ", got " + quote(text);
    ok = false;
  }
  return ok;
}

bool SchemaValidator::check_array(const SchemaNode& schema, NodeId id, const Node& node) {
  bool ok = true;
  const std::uint32_t count = node.count;
  if (count < schema.min_items || count > schema.max_items) {
    if (quiet()) return false;
    bool too_few = count < schema.min_items;
    Violation& v = begin(id, schema, too_few ? "schema/min-items" : "schema/max-items",
                         too_few ? "minItems" : "maxItems");
    v.expected = too_few ? "at least " + plural(schema.min_items, "item", "items")
                         : "at most " + plural(schema.max_items, "item", "items");
    v.found = plural(count, "item", "items");
    v.message = subject_of(v) + " must have " + v.expected + ", got " + v.found;
    ok = false;
  }
  auto item_schema = [&](std::uint32_t i) -> SchemaIndex {
    if (!schema.has_tuple_items) return schema.items;
    return i < schema.tuple_items.size() ? schema.tuple_items[i] : schema.additional_items;
  };
  if (schema.items != kNoSchema || schema.has_tuple_items) {
    for (std::uint32_t i = 0; i < count; ++i) {
      SchemaIndex item = item_schema(i);
      if (item == kNoSchema) break;
      path_.push_back(JsonPathSegment{{}, i, true});
      bool item_ok = validate(item, doc_.child(node.first + i));
      path_.pop_back();
      if (!item_ok) {
        if (quiet()) return false;
        ok = false;
      }
    }
  }
  if (schema.contains != kNoSchema) {
    bool found = false;
    for (std::uint32_t i = 0; i < count && !found; ++i) {
      found = validate_quietly(schema.contains, doc_.child(node.first + i));
    }
    if (!found) {
      if (quiet()) return false;
      Violation& v = begin(id, schema, "schema/contains", "contains");
      v.expected = "an item matching the contains schema";
      v.found = plural(count, "item", "items") + ", none matching";
      v.message = subject_of(v) +
                  " must contain at least one item matching the schema in "
                  "`contains` (" +
                  schema.location + "/contains)";
      ok = false;
    }
  }
  if (schema.unique_items || schema.list_type == ListType::kSet) {
    const bool set = schema.list_type == ListType::kSet;
    find_duplicates(
        count, [&](std::uint32_t i) { return node_hash(doc_, doc_.child(node.first + i)); },
        [&](std::uint32_t a, std::uint32_t b) {
          return nodes_equal(doc_, doc_.child(node.first + a), doc_.child(node.first + b));
        },
        [&](std::uint32_t later, std::uint32_t earlier) {
          ok = false;
          if (quiet()) return false;
          JsonPathSegment extra{{}, later, true};
          Violation& v = begin(doc_.child(node.first + later), schema,
                               set ? "schema/list-type" : "schema/unique-items",
                               set ? "x-kubernetes-list-type" : "uniqueItems", &extra);
          v.expected = "unique items";
          v.found = "a repeat of item " + std::to_string(earlier);
          v.message = v.json_path + " repeats item " + std::to_string(earlier) + " of " +
                      std::string(subject(format_json_path(path_))) +
                      (set ? "; a list of type set must not repeat a value, remove it"
                           : "; items must be unique, remove it");
          return true;
        });
    if (!ok && quiet()) return false;
  }
  if (schema.list_type == ListType::kMap && !check_list_keys(schema, node)) {
    if (quiet()) return false;
    ok = false;
  }
  return ok;
}

bool SchemaValidator::check_list_keys(const SchemaNode& schema, const Node& node) {
  // The key of item i, field k: the item's value, or the schema default when the item leaves the
  // field out (as the API server defaults it before comparing).
  auto key_node = [&](std::uint32_t item, std::size_t k) -> NodeId {
    const Node& entry = doc_.node(doc_.child(node.first + item));
    if (entry.kind != NodeKind::kMapping) return kNoNode;
    NodeId value = find_value(entry, schema.list_map_keys[k]);
    return is_absent(value) ? kNoNode : value;
  };
  auto same_part = [&](NodeId a, NodeId b, std::size_t k) {
    const nlohmann::json& fallback = schema.list_map_key_defaults[k];
    if (a != kNoNode && b != kNoNode) return nodes_equal(doc_, a, b);
    if (a == kNoNode && b == kNoNode) return true;
    return node_equals_json(doc_, a != kNoNode ? a : b, fallback);
  };
  auto is_mapping = [&](std::uint32_t item) {
    return doc_.node(doc_.child(node.first + item)).kind == NodeKind::kMapping;
  };
  bool ok = true;
  find_duplicates(
      node.count,
      [&](std::uint32_t i) {
        std::uint64_t h = is_mapping(i) ? 17 : i * 7919ull + 1;  // non-objects never collide
        for (std::size_t k = 0; k < schema.list_map_keys.size(); ++k) {
          NodeId part = key_node(i, k);
          h = h * 31 + (part != kNoNode ? node_hash(doc_, part)
                                        : json_hash(schema.list_map_key_defaults[k]));
        }
        return h;
      },
      [&](std::uint32_t a, std::uint32_t b) {
        if (!is_mapping(a) || !is_mapping(b)) return false;
        for (std::size_t k = 0; k < schema.list_map_keys.size(); ++k) {
          if (!same_part(key_node(a, k), key_node(b, k), k)) return false;
        }
        return true;
      },
      [&](std::uint32_t later, std::uint32_t earlier) {
        ok = false;
        if (quiet()) return false;
        JsonPathSegment extra{{}, later, true};
        NodeId item = doc_.child(node.first + later);
        Violation& v =
            begin(item, schema, "schema/list-type", "x-kubernetes-list-map-keys", &extra);
        std::string key_text;
        for (std::size_t k = 0; k < schema.list_map_keys.size(); ++k) {
          if (k > 0) key_text += ", ";
          NodeId part = key_node(later, k);
          key_text += schema.list_map_keys[k] + "=" +
                      (part != kNoNode ? describe_value(NodeRef(&doc_, part))
                                       : schema.list_map_key_defaults[k].dump() + " (default)");
        }
        v.expected = "a unique key (" + key_text + ")";
        v.found = "the key of item " + std::to_string(earlier);
        v.message = v.json_path + " has the same key (" + key_text + ") as item " +
                    std::to_string(earlier) + "; each item of " +
                    std::string(subject(format_json_path(path_))) +
                    " needs a unique key, merge or rename them";
        return true;
      });
  return ok;
}

bool SchemaValidator::check_object(const SchemaNode& schema, NodeId id, const Node& node) {
  bool ok = true;
  const std::uint32_t count = node.count;
  if (count < schema.min_properties || count > schema.max_properties) {
    if (quiet()) return false;
    bool too_few = count < schema.min_properties;
    Violation& v = begin(id, schema, too_few ? "schema/min-properties" : "schema/max-properties",
                         too_few ? "minProperties" : "maxProperties");
    v.expected = too_few ? "at least " + plural(schema.min_properties, "field", "fields")
                         : "at most " + plural(schema.max_properties, "field", "fields");
    v.found = plural(count, "field", "fields");
    v.message = subject_of(v) + " must have " + v.expected + ", got " + v.found;
    ok = false;
  }
  if (!check_object_fields(schema, node)) {
    if (quiet()) return false;
    ok = false;
  }
  for (const std::string& name : schema.required) {
    NodeId value = find_value(node, name);
    if (!is_absent(value)) continue;
    if (quiet()) return false;
    ok = false;
    if (value == kNoNode) {
      Violation& v = begin(id, schema, "schema/required", "required");
      v.expected = "field `" + name + "`";
      v.found = "no `" + name + "`";
      v.message = subject_of(v) + " is missing required field `" + name + "`; add it";
    } else {
      JsonPathSegment extra{name, 0, false};
      Violation& v = begin(value, schema, "schema/required", "required", &extra);
      v.expected = "a value";
      v.found = "null";
      v.message = std::string(subject(v.json_path)) + " is required but has no value (" +
                  (doc_.text(doc_.node(value)).empty() ? "empty" : "null") + "); give it a value";
    }
  }
  for (const Dependency& dependency : schema.dependencies) {
    if (is_absent(find_value(node, dependency.property))) continue;
    for (const std::string& name : dependency.required) {
      if (!is_absent(find_value(node, name))) continue;
      if (quiet()) return false;
      ok = false;
      Violation& v = begin(id, schema, "schema/dependencies", "dependencies");
      v.expected = "field `" + name + "`";
      v.found = "no `" + name + "`";
      v.message = subject_of(v) + " has `" + dependency.property + "`, which needs `" + name +
                  "` as well; add `" + name + "` or remove `" + dependency.property + "`";
    }
    if (dependency.schema != kNoSchema && !validate(dependency.schema, id)) {
      if (quiet()) return false;
      ok = false;
    }
  }
  if (schema.embedded_resource) {
    for (std::string_view field : {"apiVersion", "kind"}) {
      NodeId value = find_value(node, field);
      bool good = !is_absent(value) && doc_.node(value).kind == NodeKind::kString &&
                  !doc_.text(doc_.node(value)).empty();
      if (good) continue;
      if (quiet()) return false;
      ok = false;
      Violation& v =
          begin(id, schema, "schema/embedded-resource", "x-kubernetes-embedded-resource");
      v.expected = "a non-empty string `" + std::string(field) + "`";
      v.found = value == kNoNode ? "no `" + std::string(field) + "`"
                                 : describe_value(NodeRef(&doc_, value));
      v.message = subject_of(v) + " is an embedded Kubernetes object and needs a non-empty `" +
                  std::string(field) + "`; add it (e.g. " +
                  (field == "kind" ? "kind: ConfigMap" : "apiVersion: v1") + ")";
    }
  }
  return ok;
}

bool SchemaValidator::check_object_fields(const SchemaNode& schema, const Node& node) {
  const bool any_field_rule = !schema.properties.empty() || !schema.pattern_properties.empty() ||
                              schema.additional != AdditionalProperties::kAllow ||
                              schema.property_names != kNoSchema;
  if (!any_field_rule) return true;
  bool ok = true;
  for (std::uint32_t i = 0; i < node.count; ++i) {
    const NodeId key_id = doc_.child(node.first + 2 * i);
    const NodeId value_id = doc_.child(node.first + 2 * i + 1);
    const std::string_view key = doc_.text(doc_.node(key_id));
    const bool check_value = !is_absent(value_id);
    path_.push_back(JsonPathSegment{key, 0, false});
    bool matched = false;
    bool field_ok = true;
    if (SchemaIndex property = schema.properties.find(key); property != kNoSchema) {
      matched = true;
      if (check_value) field_ok = validate(property, value_id);
    }
    for (const PatternProperty& pattern : schema.pattern_properties) {
      if (!field_ok && quiet()) break;
      if (!RE2::PartialMatch(re2::StringPiece(key.data(), key.size()),
                             *program_.patterns[pattern.pattern])) {
        continue;
      }
      matched = true;
      if (check_value && !validate(pattern.schema, value_id)) field_ok = false;
    }
    path_.pop_back();
    if (!matched && field_ok) {
      switch (schema.additional) {
        case AdditionalProperties::kAllow:
          break;
        case AdditionalProperties::kForbid:
        case AdditionalProperties::kForbidStrict:
          if (schema.embedded_resource && is_embedded_resource_field(key)) break;
          field_ok = false;
          if (!quiet()) report_unknown_field(schema, key_id, key);
          break;
        case AdditionalProperties::kSchema:
          if (check_value) {
            path_.push_back(JsonPathSegment{key, 0, false});
            field_ok = validate(schema.additional_schema, value_id);
            path_.pop_back();
          }
          break;
      }
    }
    if (schema.property_names != kNoSchema && (field_ok || !quiet())) {
      std::string_view saved_key = key_context_;
      bool saved_in_key = in_key_context_;
      key_context_ = key;
      in_key_context_ = true;
      if (!validate(schema.property_names, key_id)) field_ok = false;
      key_context_ = saved_key;
      in_key_context_ = saved_in_key;
    }
    if (!field_ok) {
      if (quiet()) return false;
      ok = false;
    }
  }
  return ok;
}

void SchemaValidator::report_unknown_field(const SchemaNode& schema, NodeId key_id,
                                           std::string_view key) {
  JsonPathSegment extra{key, 0, false};
  Violation& v =
      begin(key_id, schema, "schema/additional-property",
            schema.additional == AdditionalProperties::kForbid ? "additionalProperties" : "strict",
            &extra);
  std::string parent = format_json_path(path_);
  std::string where = parent.empty() ? "at the top level" : "in " + parent;
  v.expected = "a known field";
  v.found = "`" + std::string(key) + "`";
  v.message = "unknown field `" + std::string(key) + "` " + where;
  std::vector<std::string_view> known;
  for (const PropertyTable::Entry& entry : schema.properties.entries()) known.push_back(entry.name);
  if (schema.embedded_resource) known.insert(known.end(), {"apiVersion", "kind", "metadata"});
  std::string_view near = closest_name(key, known);
  if (!near.empty()) {
    v.message += "; did you mean `" + std::string(near) + "`?";
  } else if (!known.empty() && known.size() <= kMaxListed) {
    std::sort(known.begin(), known.end());
    v.message += "; known fields are ";
    for (std::size_t i = 0; i < known.size(); ++i) {
      if (i > 0) v.message += ", ";
      v.message += "`" + std::string(known[i]) + "`";
    }
  } else {
    v.message += "; remove it, or check its spelling and indentation";
  }
}

bool SchemaValidator::check_composition(const SchemaNode& schema, NodeId id, const Node& node) {
  bool ok = true;
  for (SchemaIndex branch : schema.all_of) {
    if (!validate(branch, id)) {
      if (quiet()) return false;
      ok = false;
    }
  }
  if (schema.checks & kCheckAnyOf) {
    bool matched = false;
    for (SchemaIndex branch : schema.any_of) {
      if (validate_quietly(branch, id)) {
        matched = true;
        break;
      }
    }
    if (!matched) {
      if (quiet()) return false;
      ok = false;
      report_alternatives(schema.any_of, schema, id, node, "anyOf");
    }
  }
  if (schema.checks & kCheckOneOf) {
    int first = -1;
    int second = -1;
    for (std::size_t i = 0; i < schema.one_of.size(); ++i) {
      if (!validate_quietly(schema.one_of[i], id)) continue;
      if (first < 0) {
        first = static_cast<int>(i);
      } else {
        second = static_cast<int>(i);
        break;
      }
    }
    if (first < 0 || second >= 0) {
      if (quiet()) return false;
      ok = false;
      if (first < 0) {
        report_alternatives(schema.one_of, schema, id, node, "oneOf");
      } else {
        Violation& v = begin(id, schema, "schema/one-of", "oneOf");
        v.expected = "exactly one matching alternative";
        v.found = "alternatives " + std::to_string(first) + " and " + std::to_string(second);
        v.message = subject_of(v) + " matches more than one alternative of oneOf (" +
                    schema.location + "/oneOf/" + std::to_string(first) + " and /" +
                    std::to_string(second) + "); it must match exactly one";
      }
    }
  }
  if (schema.not_schema != kNoSchema && validate_quietly(schema.not_schema, id) && !stopped_) {
    if (quiet()) return false;
    ok = false;
    Violation& v = begin(id, schema, "schema/not", "not");
    v.expected = "no match for " + schema.location + "/not";
    v.found = describe_value(v.node);
    v.message = subject_of(v) + " must not match the schema in " + schema.location + "/not";
  }
  if (schema.if_schema != kNoSchema) {
    SchemaIndex next =
        validate_quietly(schema.if_schema, id) ? schema.then_schema : schema.else_schema;
    if (next != kNoSchema && !validate(next, id)) {
      if (quiet()) return false;
      ok = false;
    }
  }
  return ok;
}

// No alternative matched. If every alternative wants another type, one type error says which
// types would do; otherwise the alternative that got furthest into the value (deepest first
// error, then fewest errors) explains what to fix, rather than a bare "matched none".
void SchemaValidator::report_alternatives(const std::vector<SchemaIndex>& branches,
                                          const SchemaNode& schema, NodeId id, const Node& node,
                                          std::string_view keyword) {
  const std::uint8_t types = instance_types(node);
  std::uint8_t wanted = 0;
  bool all_wrong_type = true;
  for (SchemaIndex index : branches) {
    const SchemaNode* branch = &nodes_[index];
    while (branch->ref != kNoSchema) branch = &nodes_[branch->ref];
    if (!(branch->checks & kCheckType)) {
      all_wrong_type = false;
      break;
    }
    std::uint8_t allowed = branch->int_or_string
                               ? static_cast<std::uint8_t>(kIntegerType | kStringType)
                               : branch->types;
    if (allowed & types) {
      all_wrong_type = false;
      break;
    }
    wanted |= allowed;
  }
  if (all_wrong_type) {
    Violation& v = begin(id, schema, "schema/type", keyword);
    v.expected = describe_types(wanted);
    v.found = describe_value(v.node);
    v.message = subject_of(v) + " must be " + v.expected + ", got " + v.found +
                yaml_typing_hint(v.node, wanted);
    return;
  }
  ViolationList* sink = sink_;
  std::vector<ViolationList> attempts(branches.size());
  for (std::size_t i = 0; i < branches.size() && !stopped_; ++i) {
    sink_ = &attempts[i];
    validate(branches[i], id);
  }
  sink_ = sink;
  auto score = [](const ViolationList& list) {
    int best = -1;
    for (const Violation& v : list) {
      best = std::max(best, 2 * v.depth + (v.rule == "schema/type" ? 0 : 1));
    }
    return best;
  };
  std::size_t best = 0;
  for (std::size_t i = 1; i < attempts.size(); ++i) {
    int a = score(attempts[i]);
    int b = score(attempts[best]);
    if (a > b || (a == b && attempts[i].size() < attempts[best].size())) best = i;
  }
  for (Violation& v : attempts[best]) {
    if (sink_->size() >= max_violations_) break;
    sink_->push_back(std::move(v));
    if (sink_ == top_sink_ && sink_->size() == max_violations_) sink_full_ = true;
  }
}

}  // namespace pushgate::schema
