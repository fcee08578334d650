#include "core/schema/schema_compiler.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/schema/ecma_pattern.h"
#include "core/schema/json_pointer.h"
#include "core/schema/uri.h"
#include "core/schema/value_description.h"

namespace pushgate::schema {
namespace {

using json = nlohmann::json;

struct Location {
  std::uint32_t resource = 0;
  std::vector<std::string> tokens;
};

// One schema document: the root one, or a remote one a `$ref` pulled in.
struct Resource {
  std::string uri;
  std::unique_ptr<json> owned;
  const json* root = nullptr;
  SchemaDraft draft = SchemaDraft::kAuto;
};

// What a keyword's value holds, to find the subschemas (and their `$id` scopes) in plain JSON.
enum class Slot : std::uint8_t { kSchema, kSchemaMap, kSchemaArray, kOther };

Slot keyword_slot(std::string_view keyword, const json& value) {
  if (keyword == "properties" || keyword == "patternProperties" || keyword == "definitions" ||
      keyword == "$defs" || keyword == "dependencies") {
    return Slot::kSchemaMap;
  }
  if (keyword == "allOf" || keyword == "anyOf" || keyword == "oneOf") return Slot::kSchemaArray;
  if (keyword == "items") return value.is_array() ? Slot::kSchemaArray : Slot::kSchema;
  if (keyword == "additionalItems" || keyword == "additionalProperties" || keyword == "contains" ||
      keyword == "propertyNames" || keyword == "not" || keyword == "if" || keyword == "then" ||
      keyword == "else") {
    return Slot::kSchema;
  }
  return Slot::kOther;
}

SchemaDraft draft_of(const json& root, SchemaDraft fallback) {
  if (!root.is_object()) return fallback;
  auto it = root.find("$schema");
  if (it == root.end() || !it->is_string()) return fallback;
  const std::string& uri = it->get_ref<const std::string&>();
  if (uri.find("draft-04") != std::string::npos) return SchemaDraft::kDraft4;
  if (uri.find("draft-06") != std::string::npos || uri.find("draft-07") != std::string::npos) {
    return SchemaDraft::kDraft7;
  }
  return fallback;
}

// The schema's identifier, unless a sibling `$ref` makes every other keyword void (drafts 4-7).
const std::string* id_of(const json& schema, SchemaDraft draft) {
  if (!schema.is_object() || schema.contains("$ref")) return nullptr;
  auto lookup = [&](const char* keyword) -> const std::string* {
    auto it = schema.find(keyword);
    return it != schema.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
  };
  switch (draft) {
    case SchemaDraft::kDraft4:
      return lookup("id");
    case SchemaDraft::kDraft7:
      return lookup("$id");
    case SchemaDraft::kAuto:
      break;
  }
  const std::string* id = lookup("$id");
  return id != nullptr ? id : lookup("id");
}

std::string without_fragment(const std::string& uri) {
  return std::string(split_uri_fragment(uri).resource);
}

std::uint8_t type_bit(std::string_view name) {
  if (name == "null") return kNullType;
  if (name == "boolean") return kBooleanType;
  if (name == "integer") return kIntegerType;
  if (name == "number") return kNumberType;
  if (name == "string") return kStringType;
  if (name == "array") return kArrayType;
  if (name == "object") return kObjectType;
  return 0;
}

bool read_count(const json& value, std::uint64_t& out) {
  if (value.is_number_unsigned()) {
    out = value.get<std::uint64_t>();
    return true;
  }
  if (value.is_number_integer()) {
    if (value.get<std::int64_t>() < 0) return false;
    out = static_cast<std::uint64_t>(value.get<std::int64_t>());
    return true;
  }
  if (value.is_number_float()) {
    double d = value.get<double>();
    if (d < 0 || d != std::floor(d) || d > 1e18) return false;
    out = static_cast<std::uint64_t>(d);
    return true;
  }
  return false;
}

bool is_scalar_json(const json& value) {
  return value.is_string() || value.is_number() || value.is_boolean();
}

class Compiler {
 public:
  explicit Compiler(const CompileOptions& options)
      : options_(options), program_(std::make_shared<Program>()) {
    program_->semantics.integer_accepts_integral_float = options.integer_accepts_integral_float;
    program_->semantics.null_means_absent = options.null_means_absent;
  }

  ProgramBuild run(const json& document, const std::vector<std::string>& entry_pointers) {
    ProgramBuild build;
    try {
      add_resource(options_.base_uri, &document, nullptr);
      // Draft-04 defines an integer as a number without a fraction *part*: 1.0 is not one.
      if (resources_[0].draft == SchemaDraft::kDraft4) {
        program_->semantics.integer_accepts_integral_float = false;
      }
      for (const std::string& pointer : entry_pointers) {
        if (failed()) break;
        Result<std::vector<std::string>> tokens = parse_json_pointer(pointer);
        if (!tokens) {
          fail("#" + pointer, tokens.error().message);
          break;
        }
        Location loc{0, std::move(tokens).value()};
        if (value_at(loc) == nullptr) {
          fail("#" + pointer, "no schema at this JSON pointer");
          break;
        }
        build.roots.push_back(reserve(loc));
      }
      drain();
      if (!failed()) link();
    } catch (const json::exception& e) {
      // Every keyword's JSON type is checked before use; this only guards a missed case, and a
      // guard that rejects the schema keeps the gate closed.
      fail("#", std::string("cannot read the schema: ") + e.what(), ErrorCode::kInternal);
    }
    if (failed()) {
      build.error = error_;
      build.error_location = error_location_;
      return build;
    }
    build.program = std::move(program_);
    return build;
  }

 private:
  struct Pending {
    SchemaIndex index;
    Location location;
  };

  bool failed() const { return error_.has_value(); }

  void fail(const std::string& location, const std::string& message,
            ErrorCode code = ErrorCode::kInvalid) {
    if (failed()) return;
    error_ = Error{code, location + ": " + message};
    error_location_ = location;
  }

  std::string display(const Location& loc) const {
    std::string pointer = format_json_pointer(loc.tokens);
    if (loc.resource == 0) return "#" + pointer;
    return resources_[loc.resource].uri + "#" + pointer;
  }

  static std::string memo_key(const Location& loc) {
    return std::to_string(loc.resource) + "#" + format_json_pointer(loc.tokens);
  }

  const json* value_at(const Location& loc) const {
    return find_json_pointer(*resources_[loc.resource].root, loc.tokens);
  }

  std::uint32_t add_resource(const std::string& uri, const json* root,
                             std::unique_ptr<json> owned) {
    Resource resource;
    resource.draft = draft_of(*root, options_.draft);
    resource.uri = uri;
    if (const std::string* id = id_of(*root, resource.draft)) {
      resource.uri = without_fragment(resolve_uri(uri, *id));
    }
    resource.root = root;
    resource.owned = std::move(owned);
    auto index = static_cast<std::uint32_t>(resources_.size());
    ids_.emplace(resource.uri, Location{index, {}});
    if (uri != resource.uri) ids_.emplace(uri, Location{index, {}});
    std::string base = resource.uri;
    resources_.push_back(std::move(resource));
    std::vector<std::string> tokens;
    index_ids(index, *root, Slot::kSchema, tokens, base, 0);
    return index;
  }

  // Records every `$id` (draft-04: `id`) so references by URI find their subschema.
  void index_ids(std::uint32_t resource, const json& value, Slot slot,
                 std::vector<std::string>& tokens, const std::string& base, int depth) {
    if (failed()) return;
    if (depth > kMaxSchemaNesting) {
      fail(display(Location{resource, tokens}),
           "the schema nests deeper than " + std::to_string(kMaxSchemaNesting) + " levels");
      return;
    }
    if (slot == Slot::kSchema) {
      if (!value.is_object()) return;
      std::string scope = base;
      if (const std::string* id = id_of(value, resources_[resource].draft)) {
        std::string absolute = resolve_uri(base, *id);
        UriFragment parts = split_uri_fragment(absolute);
        if (parts.fragment.empty()) {
          scope = std::string(parts.resource);
          ids_.emplace(scope, Location{resource, tokens});
        } else if (parts.fragment.front() != '/') {
          ids_.emplace(absolute, Location{resource, tokens});  // a plain-name anchor: "#foo"
        }
      }
      for (auto it = value.begin(); it != value.end(); ++it) {
        Slot child = keyword_slot(it.key(), it.value());
        if (child == Slot::kOther) continue;
        tokens.push_back(it.key());
        index_ids(resource, it.value(), child, tokens, scope, depth + 1);
        tokens.pop_back();
      }
    } else if (slot == Slot::kSchemaMap && value.is_object()) {
      for (auto it = value.begin(); it != value.end(); ++it) {
        tokens.push_back(it.key());
        index_ids(resource, it.value(), Slot::kSchema, tokens, base, depth + 1);
        tokens.pop_back();
      }
    } else if (slot == Slot::kSchemaArray && value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        tokens.push_back(std::to_string(i));
        index_ids(resource, value[i], Slot::kSchema, tokens, base, depth + 1);
        tokens.pop_back();
      }
    }
  }

  // The base URI `loc` sits in: the resource's, changed by every `$id` on the way down, but not
  // by the `$id` at `loc` itself (compiling the schema there applies that one).
  std::string base_at(const Location& loc) const {
    const Resource& resource = resources_[loc.resource];
    std::string base = resource.uri;
    const json* current = resource.root;
    Slot slot = Slot::kSchema;
    for (std::size_t i = 0; i + 1 < loc.tokens.size(); ++i) {
      const std::string& token = loc.tokens[i];
      const json* next = find_json_pointer(*current, {token});
      if (next == nullptr) break;
      Slot next_slot = Slot::kOther;
      if (slot == Slot::kSchema) {
        next_slot = keyword_slot(token, *next);
      } else if (slot == Slot::kSchemaMap || slot == Slot::kSchemaArray) {
        next_slot = Slot::kSchema;
      }
      if (next_slot == Slot::kSchema) {
        if (const std::string* id = id_of(*next, resource.draft)) {
          base = without_fragment(resolve_uri(base, *id));
        }
      }
      current = next;
      slot = next_slot;
    }
    return base;
  }

  std::optional<Location> resolve_reference(const std::string& base, const std::string& ref,
                                            const std::string& where) {
    std::string absolute = resolve_uri(base, ref);
    UriFragment parts = split_uri_fragment(absolute);
    std::string resource_uri(parts.resource);
    std::string fragment = percent_decode(parts.fragment);
    if (!fragment.empty() && fragment.front() != '/') {
      auto it = ids_.find(absolute);
      if (it == ids_.end()) {
        fail(where, "$ref \"" + ref + "\" names the anchor \"#" + fragment +
                        "\", but no $id declares it; fix the reference");
        return std::nullopt;
      }
      return it->second;
    }
    Location loc;
    if (auto it = ids_.find(resource_uri); it != ids_.end()) {
      loc = it->second;
    } else {
      std::optional<std::uint32_t> fetched = fetch(resource_uri, ref, where);
      if (!fetched) return std::nullopt;
      loc = Location{*fetched, {}};
    }
    if (!fragment.empty()) {
      Result<std::vector<std::string>> tokens = parse_json_pointer(fragment);
      if (!tokens) {
        fail(where, "$ref \"" + ref + "\": " + tokens.error().message);
        return std::nullopt;
      }
      loc.tokens.insert(loc.tokens.end(), tokens.value().begin(), tokens.value().end());
    }
    if (value_at(loc) == nullptr) {
      fail(where, "$ref \"" + ref + "\" points at nothing: " + display(loc) +
                      " does not exist; fix the reference or add the definition");
      return std::nullopt;
    }
    return loc;
  }

  std::optional<std::uint32_t> fetch(const std::string& uri, const std::string& ref,
                                     const std::string& where) {
    if (!options_.resolver) {
      fail(where, "$ref \"" + ref + "\" needs the document \"" + uri +
                      "\", and remote references are off; bundle the definition into the schema");
      return std::nullopt;
    }
    Result<json> document = options_.resolver(uri);
    if (!document) {
      fail(where, "$ref \"" + ref + "\": cannot load \"" + uri + "\": " + document.error().message,
           document.error().code);
      return std::nullopt;
    }
    auto owned = std::make_unique<json>(std::move(document).value());
    const json* root = owned.get();
    std::uint32_t index = add_resource(uri, root, std::move(owned));
    if (failed()) return std::nullopt;
    return index;
  }

  SchemaIndex new_node() {
    program_->nodes.emplace_back();
    done_.push_back(false);
    defaults_.emplace_back();
    return static_cast<SchemaIndex>(program_->nodes.size() - 1);
  }

  // A `$ref` target: its index now, its compilation from the work list.
  SchemaIndex reserve(const Location& loc) {
    auto [it, inserted] = memo_.emplace(memo_key(loc), 0);
    if (!inserted) return it->second;
    SchemaIndex index = new_node();
    it->second = index;
    pending_.push_back(Pending{index, loc});
    return index;
  }

  void drain() {
    while (!pending_.empty() && !failed()) {
      Pending next = std::move(pending_.back());
      pending_.pop_back();
      if (done_[next.index]) continue;
      const json* value = value_at(next.location);
      compile_subschema(next.location, *value, base_at(next.location), 0);
    }
  }

  SchemaIndex compile_subschema(Location& loc, const json& value, const std::string& base,
                                int depth) {
    std::string key = memo_key(loc);
    SchemaIndex index;
    if (auto it = memo_.find(key); it != memo_.end()) {
      index = it->second;
      if (done_[index]) return index;
    } else {
      index = new_node();
      memo_.emplace(std::move(key), index);
    }
    done_[index] = true;
    SchemaNode node;
    node.location = display(loc);
    if (depth > kMaxSchemaNesting) {
      fail(node.location,
           "the schema nests deeper than " + std::to_string(kMaxSchemaNesting) + " levels");
      return index;
    }
    fill(node, index, loc, value, base, depth);
    program_->nodes[index] = std::move(node);
    return index;
  }

  PatternIndex compile_pattern(const std::string& source, const std::string& where) {
    if (auto it = pattern_ids_.find(source); it != pattern_ids_.end()) return it->second;
    std::string syntax = source;
    if (options_.patterns == PatternDialect::kEcma262) {
      Result<std::string> translated = ecma_regex_to_re2(source);
      if (!translated) {
        fail(where, "pattern \"" + source + "\" cannot be used: " + translated.error().message,
             translated.error().code);
        return kNoPattern;
      }
      syntax = std::move(translated).value();
    }
    RE2::Options re2_options;
    re2_options.set_log_errors(false);
    re2_options.set_encoding(RE2::Options::EncodingUTF8);
    auto regex = std::make_unique<RE2>(syntax, re2_options);
    if (!regex->ok()) {
      std::string dialect = options_.patterns == PatternDialect::kRe2
                                ? "valid Go regexp (RE2) syntax, which Kubernetes evaluates "
                                  "patterns with (no lookaround or backreferences)"
                                : "a valid regular expression";
      fail(where, "pattern \"" + source + "\" is not " + dialect + ": " + regex->error() +
                      "; fix the pattern");
      return kNoPattern;
    }
    auto index = static_cast<PatternIndex>(program_->patterns.size());
    program_->patterns.push_back(std::move(regex));
    program_->pattern_sources.push_back(source);
    pattern_ids_.emplace(source, index);
    return index;
  }

  // Fills `node` from the schema object `value` found at `loc`.
  void fill(SchemaNode& node, SchemaIndex index, Location& loc, const json& value,
            const std::string& base, int depth) {
    if (value.is_boolean()) {
      if (!value.get<bool>()) node.checks |= kCheckFalse;
      return;
    }
    if (!value.is_object()) {
      fail(node.location,
           "a schema must be an object or a boolean, got " + describe_json_type(value));
      return;
    }
    const SchemaDraft draft = resources_[loc.resource].draft;
    auto where = [&](std::string_view keyword) {
      return node.location + "/" + escape_json_pointer_token(keyword);
    };
    auto find = [&](const char* keyword) -> const json* {
      auto it = value.find(keyword);
      return it == value.end() ? nullptr : &*it;
    };

    if (const json* ref = find("$ref")) {
      if (!ref->is_string()) {
        fail(where("$ref"), "$ref must be a string, got " + describe_json_type(*ref));
        return;
      }
      // Drafts 4-7: a `$ref` replaces its schema, so every sibling keyword is ignored.
      std::optional<Location> target =
          resolve_reference(base, ref->get<std::string>(), where("$ref"));
      if (target) node.ref = reserve(*target);
      return;
    }

    std::string scope = base;
    if (const std::string* id = id_of(value, draft))
      scope = without_fragment(resolve_uri(base, *id));

    auto child = [&](std::initializer_list<std::string_view> path, const json& v) {
      for (std::string_view token : path) loc.tokens.emplace_back(token);
      SchemaIndex result = compile_subschema(loc, v, scope, depth + 1);
      loc.tokens.resize(loc.tokens.size() - path.size());
      return result;
    };
    auto schema_array = [&](const char* keyword, std::vector<SchemaIndex>& out) {
      const json* list = find(keyword);
      if (list == nullptr) return false;
      if (!list->is_array() || list->empty()) {
        fail(where(keyword), std::string(keyword) + " must be a non-empty array of schemas");
        return false;
      }
      for (std::size_t i = 0; i < list->size() && !failed(); ++i) {
        out.push_back(child({keyword, std::to_string(i)}, (*list)[i]));
      }
      return true;
    };
    auto count = [&](const char* keyword, std::uint64_t& out) {
      const json* v = find(keyword);
      if (v == nullptr) return false;
      if (!read_count(*v, out)) {
        fail(where(keyword), std::string(keyword) + " must be a non-negative integer, got " +
                                 describe_json_type(*v));
        return false;
      }
      return true;
    };
    auto number = [&](const char* keyword, std::optional<double>& out) {
      const json* v = find(keyword);
      if (v == nullptr) return false;
      if (!v->is_number()) {
        fail(where(keyword),
             std::string(keyword) + " must be a number, got " + describe_json_type(*v));
        return false;
      }
      out = v->get<double>();
      return true;
    };
    auto flag = [&](const char* keyword, bool& out) {
      const json* v = find(keyword);
      if (v == nullptr) return false;
      if (!v->is_boolean()) {
        fail(where(keyword),
             std::string(keyword) + " must be true or false, got " + describe_json_type(*v));
        return false;
      }
      out = v->get<bool>();
      return true;
    };
    const bool draft6_keywords = draft != SchemaDraft::kDraft4;

    // --- any instance -------------------------------------------------------------------------
    if (const json* type = find("type")) {
      std::uint8_t bits = 0;
      bool valid = true;
      auto add = [&](const json& name) {
        std::uint8_t bit = name.is_string() ? type_bit(name.get_ref<const std::string&>()) : 0;
        valid = valid && bit != 0;
        bits |= bit;
      };
      if (type->is_array() && !type->empty()) {
        for (const json& name : *type) add(name);
      } else {
        add(*type);
      }
      if (!valid) {
        fail(where("type"),
             "type must be one of string, integer, number, boolean, null, object, array, or a "
             "list of them; got " +
                 type->dump());
        return;
      }
      node.types = bits;
      node.checks |= kCheckType;
    }
    if (const json* values = find("enum")) {
      if (!values->is_array()) {
        fail(where("enum"), "enum must be an array of values, got " + describe_json_type(*values));
        return;
      }
      node.enum_values.assign(values->begin(), values->end());
      node.enum_all_strings =
          std::all_of(values->begin(), values->end(), [](const json& v) { return v.is_string(); });
      if (node.enum_all_strings) {
        for (const json& v : *values) node.enum_strings.push_back(v.get<std::string>());
        std::sort(node.enum_strings.begin(), node.enum_strings.end());
      }
      node.checks |= kCheckEnum;
    }
    if (const json* constant = find("const"); constant != nullptr && draft6_keywords) {
      node.const_value = *constant;
      node.checks |= kCheckConst;
    }
    bool nullable = false;
    if (flag("nullable", nullable) && nullable) node.checks |= kCheckNullable;
    flag("x-kubernetes-int-or-string", node.int_or_string);

    // --- numbers ------------------------------------------------------------------------------
    std::optional<double> minimum;
    std::optional<double> maximum;
    // Both keywords are read (each may report a problem), hence no short-circuit.
    const bool has_minimum = number("minimum", minimum);
    const bool has_maximum = number("maximum", maximum);
    bool has_number = has_minimum || has_maximum;
    node.minimum = minimum;
    node.maximum = maximum;
    for (bool is_min : {true, false}) {
      const char* keyword = is_min ? "exclusiveMinimum" : "exclusiveMaximum";
      const json* v = find(keyword);
      if (v == nullptr) continue;
      has_number = true;
      std::optional<double>& bound = is_min ? node.minimum : node.maximum;
      bool& exclusive = is_min ? node.exclusive_minimum : node.exclusive_maximum;
      if (v->is_boolean()) {
        // Draft-04 (and OpenAPI 3.0): a flag on minimum / maximum.
        exclusive = v->get<bool>() && bound.has_value();
      } else if (v->is_number()) {
        // Draft-06+: a bound of its own; the tighter of the two wins.
        double limit = v->get<double>();
        bool tighter = !bound || (is_min ? limit >= *bound : limit <= *bound);
        if (tighter) {
          bound = limit;
          exclusive = true;
        }
      } else {
        fail(where(keyword), std::string(keyword) +
                                 " must be a number (or, in draft-04, a "
                                 "boolean), got " +
                                 describe_json_type(*v));
        return;
      }
    }
    if (const json* multiple = find("multipleOf")) {
      if (!multiple->is_number() || multiple->get<double>() <= 0) {
        fail(where("multipleOf"), "multipleOf must be a number greater than 0");
        return;
      }
      node.multiple_of = multiple->get<double>();
      has_number = true;
    }
    if (has_number) node.checks |= kCheckNumber;

    // --- strings ------------------------------------------------------------------------------
    const bool has_min_length = count("minLength", node.min_length);
    const bool has_max_length = count("maxLength", node.max_length);
    bool has_string = has_min_length || has_max_length;
    if (const json* pattern = find("pattern")) {
      if (!pattern->is_string()) {
        fail(where("pattern"), "pattern must be a string, got " + describe_json_type(*pattern));
        return;
      }
      node.pattern = compile_pattern(pattern->get<std::string>(), where("pattern"));
      has_string = true;
    }
    if (const json* format = find("format")) {
      if (!format->is_string()) {
        fail(where("format"), "format must be a string, got " + describe_json_type(*format));
        return;
      }
      StringFormat parsed = parse_string_format(format->get_ref<const std::string&>());
      if (parsed == StringFormat::kIntOrString) {
        node.int_or_string = true;
      } else if (options_.assert_formats && parsed != StringFormat::kNone) {
        node.format = parsed;
        has_string = true;
      }
    }
    if (has_string) node.checks |= kCheckString;
    if (node.int_or_string) node.checks |= kCheckType;
    if (failed()) return;

    // --- arrays -------------------------------------------------------------------------------
    bool has_array = false;
    if (const json* items = find("items")) {
      has_array = true;
      if (items->is_array()) {
        node.has_tuple_items = true;
        for (std::size_t i = 0; i < items->size() && !failed(); ++i) {
          node.tuple_items.push_back(child({"items", std::to_string(i)}, (*items)[i]));
        }
        if (const json* additional = find("additionalItems")) {
          node.additional_items = child({"additionalItems"}, *additional);
        }
      } else {
        node.items = child({"items"}, *items);
      }
    }
    if (const json* contains = find("contains"); contains != nullptr && draft6_keywords) {
      node.contains = child({"contains"}, *contains);
      has_array = true;
    }
    const bool has_min_items = count("minItems", node.min_items);
    const bool has_max_items = count("maxItems", node.max_items);
    has_array = has_array || has_min_items || has_max_items;
    has_array |= flag("uniqueItems", node.unique_items);
    if (const json* list_type = find("x-kubernetes-list-type")) {
      std::string name = list_type->is_string() ? list_type->get<std::string>() : "";
      if (name == "atomic") {
        node.list_type = ListType::kAtomic;
      } else if (name == "set") {
        node.list_type = ListType::kSet;
      } else if (name == "map") {
        node.list_type = ListType::kMap;
      } else {
        fail(where("x-kubernetes-list-type"),
             "x-kubernetes-list-type must be atomic, set or map, got " + list_type->dump());
        return;
      }
      has_array = true;
    }
    if (node.list_type == ListType::kMap) {
      const json* keys = find("x-kubernetes-list-map-keys");
      bool valid =
          keys != nullptr && keys->is_array() && !keys->empty() &&
          std::all_of(keys->begin(), keys->end(), [](const json& k) { return k.is_string(); });
      if (!valid) {
        fail(where("x-kubernetes-list-map-keys"),
             "x-kubernetes-list-type: map needs x-kubernetes-list-map-keys, a non-empty list of "
             "field names");
        return;
      }
      for (const json& key : *keys) node.list_map_keys.push_back(key.get<std::string>());
    }
    if (has_array) node.checks |= kCheckArray;
    if (failed()) return;

    // --- objects ------------------------------------------------------------------------------
    bool has_object = false;
    const json* properties = find("properties");
    if (properties != nullptr) {
      if (!properties->is_object()) {
        fail(where("properties"),
             "properties must be an object, got " + describe_json_type(*properties));
        return;
      }
      std::vector<PropertyTable::Entry> entries;
      for (auto it = properties->begin(); it != properties->end() && !failed(); ++it) {
        entries.push_back({it.key(), child({"properties", it.key()}, it.value()), 0});
      }
      node.properties.build(std::move(entries));
      has_object = true;
    }
    if (const json* patterns = find("patternProperties")) {
      if (!patterns->is_object()) {
        fail(where("patternProperties"),
             "patternProperties must be an object, got " + describe_json_type(*patterns));
        return;
      }
      for (auto it = patterns->begin(); it != patterns->end() && !failed(); ++it) {
        PatternIndex pattern = compile_pattern(
            it.key(), where("patternProperties") + "/" + escape_json_pointer_token(it.key()));
        node.pattern_properties.push_back(
            {pattern, child({"patternProperties", it.key()}, it.value())});
      }
      has_object = true;
    }
    const json* additional = find("additionalProperties");
    if (additional != nullptr) {
      if (additional->is_boolean()) {
        node.additional =
            additional->get<bool>() ? AdditionalProperties::kAllow : AdditionalProperties::kForbid;
      } else {
        node.additional = AdditionalProperties::kSchema;
        node.additional_schema = child({"additionalProperties"}, *additional);
      }
      has_object = true;
    }
    if (const json* required = find("required")) {
      bool valid =
          required->is_array() && std::all_of(required->begin(), required->end(),
                                              [](const json& name) { return name.is_string(); });
      if (!valid) {
        fail(where("required"), "required must be a list of field names, got " + required->dump());
        return;
      }
      for (const json& name : *required) node.required.push_back(name.get<std::string>());
      has_object = !node.required.empty() || has_object;
    }
    const bool has_min_properties = count("minProperties", node.min_properties);
    const bool has_max_properties = count("maxProperties", node.max_properties);
    has_object = has_object || has_min_properties || has_max_properties;
    if (const json* dependencies = find("dependencies")) {
      if (!dependencies->is_object()) {
        fail(where("dependencies"),
             "dependencies must be an object, got " + describe_json_type(*dependencies));
        return;
      }
      for (auto it = dependencies->begin(); it != dependencies->end() && !failed(); ++it) {
        Dependency dependency;
        dependency.property = it.key();
        if (it.value().is_array()) {
          for (const json& name : it.value()) {
            if (!name.is_string()) {
              fail(where("dependencies") + "/" + escape_json_pointer_token(it.key()),
                   "a property dependency must list field names");
              return;
            }
            dependency.required.push_back(name.get<std::string>());
          }
        } else {
          dependency.schema = child({"dependencies", it.key()}, it.value());
        }
        node.dependencies.push_back(std::move(dependency));
      }
      has_object = true;
    }
    if (const json* names = find("propertyNames"); names != nullptr && draft6_keywords) {
      node.property_names = child({"propertyNames"}, *names);
      has_object = true;
    }
    flag("x-kubernetes-preserve-unknown-fields", node.preserve_unknown_fields);
    if (flag("x-kubernetes-embedded-resource", node.embedded_resource) && node.embedded_resource) {
      has_object = true;
    }
    if (options_.strict && properties != nullptr && additional == nullptr &&
        node.pattern_properties.empty() && !node.preserve_unknown_fields) {
      node.additional = AdditionalProperties::kForbidStrict;
      has_object = true;
    }
    if (has_object) node.checks |= kCheckObject;
    if (failed()) return;

    // --- composition --------------------------------------------------------------------------
    if (schema_array("allOf", node.all_of)) node.checks |= kCheckAllOf;
    if (schema_array("anyOf", node.any_of)) node.checks |= kCheckAnyOf;
    if (schema_array("oneOf", node.one_of)) node.checks |= kCheckOneOf;
    if (const json* negated = find("not")) {
      node.not_schema = child({"not"}, *negated);
      node.checks |= kCheckNot;
    }
    if (const json* condition = find("if"); condition != nullptr && draft6_keywords) {
      node.if_schema = child({"if"}, *condition);
      if (const json* then = find("then")) node.then_schema = child({"then"}, *then);
      if (const json* otherwise = find("else")) node.else_schema = child({"else"}, *otherwise);
      node.checks |= kCheckConditional;
    }
    if (const json* fallback = find("default"); fallback != nullptr && is_scalar_json(*fallback)) {
      defaults_[index] = *fallback;
    }
  }

  // Follows $ref and single-allOf wrappers (how OpenAPI v3 spells "this field is a Foo").
  SchemaIndex unwrap(SchemaIndex index, const json** found_default = nullptr) const {
    const auto& nodes = program_->nodes;
    for (int hops = 0; index != kNoSchema && hops < 64; ++hops) {
      if (found_default != nullptr && *found_default == nullptr && !defaults_[index].is_null()) {
        *found_default = &defaults_[index];
      }
      const SchemaNode& n = nodes[index];
      if (n.ref != kNoSchema) {
        index = n.ref;
      } else if (n.properties.empty() && n.all_of.size() == 1) {
        index = n.all_of[0];
      } else {
        break;
      }
    }
    return index;
  }

  void link() {
    auto& nodes = program_->nodes;
    // x-kubernetes-list-map-keys: a key an item leaves out takes its schema default (a port's
    // protocol is TCP), as the API server compares them.
    for (SchemaNode& node : nodes) {
      if (node.list_type != ListType::kMap) continue;
      SchemaIndex item = unwrap(node.items);
      for (const std::string& key : node.list_map_keys) {
        const json* fallback = nullptr;
        if (item != kNoSchema) {
          SchemaIndex property = nodes[item].properties.find(key);
          if (property != kNoSchema) unwrap(property, &fallback);
        }
        node.list_map_key_defaults.push_back(fallback != nullptr ? *fallback : json());
      }
    }
    check_same_instance_cycles();
  }

  static void same_instance_edges(const SchemaNode& node, std::vector<SchemaIndex>& out) {
    out.clear();
    auto add = [&](SchemaIndex i) {
      if (i != kNoSchema) out.push_back(i);
    };
    add(node.ref);
    for (SchemaIndex i : node.all_of) add(i);
    for (SchemaIndex i : node.any_of) add(i);
    for (SchemaIndex i : node.one_of) add(i);
    add(node.not_schema);
    add(node.if_schema);
    add(node.then_schema);
    add(node.else_schema);
    for (const Dependency& d : node.dependencies) add(d.schema);
  }

  // Hops that stay on the same document value must not loop, or validation never ends
  // (`{"$ref": "#"}` at the root, or a definition whose allOf refers back to itself).
  // Iterative depth-first search: a schema may chain thousands of definitions.
  void check_same_instance_cycles() {
    const auto& nodes = program_->nodes;
    enum : std::uint8_t { kWhite, kGrey, kBlack };
    std::vector<std::uint8_t> color(nodes.size(), kWhite);
    struct Frame {
      SchemaIndex node;
      std::vector<SchemaIndex> edges;
      std::size_t next = 0;
    };
    std::vector<Frame> stack;
    for (SchemaIndex start = 0; start < nodes.size(); ++start) {
      if (color[start] != kWhite) continue;
      stack.push_back(Frame{start, {}, 0});
      same_instance_edges(nodes[start], stack.back().edges);
      color[start] = kGrey;
      while (!stack.empty()) {
        Frame& top = stack.back();
        if (top.next == top.edges.size()) {
          color[top.node] = kBlack;
          stack.pop_back();
          continue;
        }
        SchemaIndex next = top.edges[top.next++];
        if (color[next] == kGrey) {
          std::string chain;
          bool in_cycle = false;
          for (const Frame& frame : stack) {
            in_cycle = in_cycle || frame.node == next;
            if (in_cycle) chain += nodes[frame.node].location + " -> ";
          }
          chain += nodes[next].location;
          fail(nodes[next].location,
               "the schema refers to itself without descending into the document (" + chain +
                   "), so validation would never end; break the loop");
          return;
        }
        if (color[next] == kWhite) {
          color[next] = kGrey;
          Frame frame{next, {}, 0};
          same_instance_edges(nodes[next], frame.edges);
          stack.push_back(std::move(frame));
        }
      }
    }
  }

  const CompileOptions& options_;
  std::shared_ptr<Program> program_;
  std::vector<Resource> resources_;
  std::unordered_map<std::string, Location> ids_;
  std::unordered_map<std::string, SchemaIndex> memo_;
  std::vector<bool> done_;
  std::vector<json> defaults_;  // per node: a scalar `default`, for list-map keys
  std::vector<Pending> pending_;
  std::unordered_map<std::string, PatternIndex> pattern_ids_;
  std::optional<Error> error_;
  std::string error_location_;
};

}  // namespace

void PropertyTable::build(std::vector<Entry> entries) {
  entries_ = std::move(entries);
  std::size_t capacity = 4;
  while (capacity < entries_.size() * 2) capacity *= 2;
  slots_.assign(capacity, 0);
  mask_ = capacity - 1;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    entries_[i].hash = std::hash<std::string_view>{}(entries_[i].name);
    std::size_t slot = entries_[i].hash & mask_;
    while (slots_[slot] != 0) slot = (slot + 1) & mask_;
    slots_[slot] = static_cast<std::uint32_t>(i + 1);
  }
}

SchemaIndex PropertyTable::find(std::string_view name) const {
  if (entries_.empty()) return kNoSchema;
  std::size_t hash = std::hash<std::string_view>{}(name);
  for (std::size_t slot = hash & mask_;; slot = (slot + 1) & mask_) {
    std::uint32_t entry = slots_[slot];
    if (entry == 0) return kNoSchema;
    const Entry& candidate = entries_[entry - 1];
    if (candidate.hash == hash && candidate.name == name) return candidate.schema;
  }
}

ProgramBuild build_program(const nlohmann::json& document,
                           const std::vector<std::string>& entry_pointers,
                           const CompileOptions& options) {
  return Compiler(options).run(document, entry_pointers);
}

}  // namespace pushgate::schema
