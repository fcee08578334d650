#include "core/config/custom_rules_config.h"

#include <re2/re2.h>

#include <cmath>

#include "core/base/did_you_mean.h"
#include "core/config/config_reader.h"
#include "core/config/policies_config.h"
#include "core/policy/custom_rule.h"
#include "core/schema/document_json.h"

namespace pushgate {
namespace {

// Bounds for count and length checks: anything larger is a typo.
constexpr std::uint64_t kMaxBound = 1'000'000'000;

constexpr std::string_view kRuleKeys[] = {"id", "severity", "message", "match", "assert"};
constexpr std::string_view kMatchKeys[] = {"apiVersions", "kinds", "namespaces", "paths", "labels"};
constexpr std::string_view kAssertKeys[] = {
    "path",    "exists",  "absent",     "equals",     "in",    "matches", "not_matches",
    "minimum", "maximum", "min_length", "max_length", "count", "schema",  "message"};

void report_unknown(ConfigReader& reader, NodeRef key, const std::string& path,
                    std::span<const std::string_view> known) {
  std::string message = "unknown key " + ConfigReader::describe(key) + " in `" + path + "`";
  const std::string_view near = key.is_string() ? closest_name(key.text(), known) : "";
  if (!near.empty()) {
    message += ", did you mean `" + std::string(near) + "`";
  } else {
    message += "; expected ";
    for (std::size_t i = 0; i < known.size(); ++i) {
      message += (i == 0 ? "" : ", ") + std::string(known[i]);
    }
  }
  reader.report(key, std::move(message));
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 63 || id.front() == '-' || id.back() == '-') return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

std::optional<ScalarValue> read_scalar(ConfigReader& reader, NodeRef node,
                                       const std::string& path) {
  if (!node.is_scalar()) {
    reader.report(node, "`" + path + "` must be a scalar (string, number, boolean or null), got " +
                            ConfigReader::describe(node));
    return std::nullopt;
  }
  ScalarValue v;
  v.kind = node.kind();
  v.text = std::string(node.text());
  if (v.kind == NodeKind::kInt || v.kind == NodeKind::kFloat) v.number = node.as_double();
  if (v.kind == NodeKind::kBool) v.boolean = node.as_bool();
  return v;
}

std::optional<double> read_number(ConfigReader& reader, NodeRef node, const std::string& path) {
  if (node.kind() != NodeKind::kInt && node.kind() != NodeKind::kFloat) {
    reader.report(node, "`" + path + "` must be a number, got " + ConfigReader::describe(node));
    return std::nullopt;
  }
  return node.as_double();
}

std::shared_ptr<const re2::RE2> read_regex(ConfigReader& reader, NodeRef node,
                                           const std::string& path) {
  auto pattern = reader.read_string(node, path);
  if (!pattern) return nullptr;
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<const RE2>(*pattern, options);
  if (!re->ok()) {
    reader.report(node, "`" + path + "` is not a valid RE2 pattern: " + re->error());
    return nullptr;
  }
  return re;
}

bool read_true(ConfigReader& reader, NodeRef node, const std::string& path) {
  if (node.kind() == NodeKind::kBool) return true;
  reader.report(node, "`" + path + "` must be true or false, got " + ConfigReader::describe(node));
  return false;
}

std::shared_ptr<const CompiledSchema> read_schema(ConfigReader& reader, NodeRef node,
                                                  const std::string& path) {
  if (!node.is_mapping() && node.kind() != NodeKind::kBool) {
    reader.report(node, "`" + path + "` must be a JSON Schema (a mapping), got " +
                            ConfigReader::describe(node));
    return nullptr;
  }
  CompileOptions options;
  options.draft = SchemaDraft::kDraft7;
  options.patterns = PatternDialect::kEcma262;
  auto schema =
      std::make_shared<CompiledSchema>(CompiledSchema::compile(document_to_json(node), options));
  if (!schema->ok()) {
    reader.report(node, "`" + path + "` is not a usable JSON Schema: " + schema->error().message);
    return nullptr;
  }
  return schema;
}

void read_count(ConfigReader& reader, NodeRef node, const std::string& path, Assertion& a) {
  if (node.kind() == NodeKind::kInt) {
    if (auto n = reader.read_count(node, path, 0, kMaxBound)) a.count_min = a.count_max = *n;
    return;
  }
  if (!node.is_mapping() || (!node.get("min") && !node.get("max")) ||
      node.size() != (node.get("min") ? 1u : 0u) + (node.get("max") ? 1u : 0u)) {
    reader.report(node, "`" + path + "` must be a number or {min: N, max: M}, got " +
                            ConfigReader::describe(node));
    return;
  }
  if (node.get("min"))
    a.count_min = reader.read_count(node.get("min"), path + ".min", 0, kMaxBound);
  if (node.get("max"))
    a.count_max = reader.read_count(node.get("max"), path + ".max", 0, kMaxBound);
}

std::optional<Assertion> read_assertion(ConfigReader& reader, NodeRef node,
                                        const std::string& path) {
  if (!node.is_mapping()) {
    reader.report(node, "`" + path +
                            "` must be a mapping such as {path: spec.replicas, "
                            "minimum: 2}, got " +
                            ConfigReader::describe(node));
    return std::nullopt;
  }
  Assertion a;
  a.position = node.position();
  bool ok = true;
  bool has_path = false;
  int checks = 0;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const NodeRef key = node.key(i);
    const NodeRef value = node.value(i);
    const std::string name(key.is_string() ? key.text() : "");
    const std::string child = path + "." + name;
    const std::size_t errors_before = reader.finding_count();
    if (name == "path") {
      has_path = true;
      if (auto text = reader.read_string(value, child)) {
        Result<AssertionPath> parsed = AssertionPath::parse(*text);
        if (!parsed) {
          reader.report(value, "`" + child + "`: " + parsed.error().message);
        } else {
          a.path = std::move(parsed).value();
        }
      }
    } else if (name == "exists" || name == "absent") {
      ++checks;
      if (read_true(reader, value, child)) {
        a.exists = (name == "exists") == value.as_bool();
      }
    } else if (name == "equals") {
      ++checks;
      a.equals = read_scalar(reader, value, child);
    } else if (name == "in") {
      ++checks;
      if (!value.is_sequence() || value.size() == 0) {
        reader.report(value, "`" + child + "` must be a non-empty list of values, got " +
                                 ConfigReader::describe(value));
      } else {
        for (std::size_t v = 0; v < value.size(); ++v) {
          if (auto s = read_scalar(reader, value.item(v), child + "[" + std::to_string(v) + "]")) {
            a.in.push_back(std::move(*s));
          }
        }
      }
    } else if (name == "matches") {
      ++checks;
      a.matches = read_regex(reader, value, child);
    } else if (name == "not_matches") {
      ++checks;
      a.not_matches = read_regex(reader, value, child);
    } else if (name == "minimum") {
      ++checks;
      a.minimum = read_number(reader, value, child);
    } else if (name == "maximum") {
      ++checks;
      a.maximum = read_number(reader, value, child);
    } else if (name == "min_length") {
      ++checks;
      a.min_length = reader.read_count(value, child, 0, kMaxBound);
    } else if (name == "max_length") {
      ++checks;
      a.max_length = reader.read_count(value, child, 0, kMaxBound);
    } else if (name == "count") {
      ++checks;
      read_count(reader, value, child, a);
    } else if (name == "schema") {
      ++checks;
      a.schema = read_schema(reader, value, child);
    } else if (name == "message") {
      if (auto m = reader.read_string(value, child)) a.message = std::move(*m);
    } else {
      report_unknown(reader, key, path, kAssertKeys);
    }
    if (reader.finding_count() != errors_before) ok = false;
  }
  if (!has_path) {
    reader.report(node.position(), "`" + path +
                                       "` needs `path:`, the field to check, such as "
                                       "spec.template.spec.containers[*].image");
    ok = false;
  }
  if (checks == 0) {
    reader.report(node.position(),
                  "`" + path +
                      "` checks nothing; add exists, absent, equals, in, matches, "
                      "not_matches, minimum, maximum, min_length, max_length, count or "
                      "schema");
    ok = false;
  }
  if (a.minimum && a.maximum && *a.minimum > *a.maximum) {
    reader.report(node.position(), "`" + path + "`: minimum is above maximum, nothing can pass");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return a;
}

}  // namespace

std::shared_ptr<const CustomRule> compile_custom_rule(ConfigReader& reader, NodeRef node,
                                                      const std::string& key_path) {
  if (!node.is_mapping()) {
    reader.report(node, "`" + key_path +
                            "` must be a custom rule (a mapping with id, match and "
                            "assert), got " +
                            ConfigReader::describe(node));
    return nullptr;
  }
  const std::size_t errors_before = reader.finding_count();
  std::string id;
  Severity severity = Severity::kError;
  std::string message;
  ObjectScope scope;
  std::vector<Assertion> assertions;
  bool has_assert = false;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const NodeRef key = node.key(i);
    const NodeRef value = node.value(i);
    const std::string name(key.is_string() ? key.text() : "");
    const std::string child = key_path + "." + name;
    if (name == "id") {
      if (auto text = reader.read_string(value, child)) {
        if (text->starts_with("custom/")) {
          reader.report(value, "`" + child +
                                   "`: write the id without `custom/` (the rule is "
                                   "reported as custom/<id>)");
        } else if (!valid_id(*text)) {
          reader.report(value, "`" + child +
                                   "` must be lowercase letters, digits and '-' "
                                   "(at most 63), such as team-label, got " +
                                   ConfigReader::describe(value));
        } else {
          id = "custom/" + *text;
        }
      }
    } else if (name == "severity") {
      Severity s;
      if (value.is_string() && value.text() != "warn" && parse_severity(value.text(), s)) {
        severity = s;
      } else {
        reader.report(value, "`" + child + "` must be error, warning or info, got " +
                                 ConfigReader::describe(value));
      }
    } else if (name == "message") {
      if (auto m = reader.read_string(value, child)) message = std::move(*m);
    } else if (name == "match") {
      if (!value.is_mapping()) {
        reader.report(value, "`" + child +
                                 "` must be a mapping (kinds, apiVersions, "
                                 "namespaces, paths, labels), got " +
                                 ConfigReader::describe(value));
        continue;
      }
      for (std::size_t m = 0; m < value.size(); ++m) {
        const NodeRef mk = value.key(m);
        const std::string mname(mk.is_string() ? mk.text() : "");
        if (!read_scope_key(reader, mname, value.value(m), child + "." + mname, scope)) {
          report_unknown(reader, mk, child, kMatchKeys);
        }
      }
    } else if (name == "assert") {
      has_assert = true;
      if (!value.is_sequence() || value.size() == 0) {
        reader.report(value, "`" + child + "` must be a non-empty list of assertions, got " +
                                 ConfigReader::describe(value));
        continue;
      }
      for (std::size_t a = 0; a < value.size(); ++a) {
        if (auto assertion =
                read_assertion(reader, value.item(a), child + "[" + std::to_string(a) + "]")) {
          assertions.push_back(std::move(*assertion));
        }
      }
    } else {
      report_unknown(reader, key, key_path, kRuleKeys);
    }
  }
  if (!node.get("id")) {
    reader.report(node.position(), "`" + key_path + "` needs `id:` (the rule is custom/<id>)");
  }
  if (!has_assert) {
    reader.report(node.position(), "`" + key_path + "` needs `assert:`, a list of checks");
  }
  if (reader.finding_count() != errors_before) return nullptr;
  return std::make_shared<const CustomRule>(std::move(id), severity, std::move(message),
                                            ScopeMatcher::compile(scope), std::move(assertions));
}

}  // namespace pushgate
