#include "core/opa/opa_result.h"

#include <algorithm>

#include "core/schema/json_path.h"
#include "core/schema/value_description.h"

namespace pushgate {
namespace {

using nlohmann::json;

// "a number", "true": what a result was, for error messages (a boolean's value says more than
// "a boolean" where a rule returned true instead of a message).
std::string describe(const json& value) {
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return schema::describe_json_type(value);
}

Result<std::string> field_of(const json& field) {
  if (field.is_string()) return sanitize_policy_text(field.get<std::string>(), 200);
  if (!field.is_array()) {
    return Error{ErrorCode::kInvalid,
                 "`field` must be a path string such as \"spec.replicas\" "
                 "or an array of keys and indices, got " +
                     describe(field)};
  }
  std::string path;
  for (const json& segment : field) {
    if (segment.is_string()) {
      append_json_path_key(path, segment.get<std::string>());
    } else if (segment.is_number_unsigned() ||
               (segment.is_number_integer() && segment.get<std::int64_t>() >= 0)) {
      append_json_path_index(path, segment.get<std::size_t>());
    } else {
      return Error{ErrorCode::kInvalid,
                   "`field` arrays hold keys (strings) and indices "
                   "(non-negative integers), got " +
                       describe(segment)};
    }
  }
  return sanitize_policy_text(path, 200);
}

// One item of a result set. `allow_severity`: pushgate mode lets an item set its severity;
// conftest mode takes it from the rule's name, as conftest does.
Status add_item(const json& item, bool allow_severity, OpaViolation base,
                std::vector<OpaViolation>& out) {
  if (item.is_null() || (item.is_boolean() && !item.get<bool>())) return Status::ok();
  if (item.is_boolean()) {
    out.push_back(std::move(base));
    return Status::ok();
  }
  if (item.is_string()) {
    base.message = sanitize_policy_text(item.get<std::string>(), kMaxPolicyMessageChars);
    out.push_back(std::move(base));
    return Status::ok();
  }
  if (!item.is_object()) {
    return Error{ErrorCode::kInvalid,
                 "a result must be a message string or an object with "
                 "\"msg\", got " +
                     describe(item)};
  }
  const auto msg = item.contains("msg") ? item.find("msg") : item.find("message");
  if (msg == item.end() || !msg->is_string()) {
    return Error{ErrorCode::kInvalid,
                 "a result object must have a string \"msg\", got an "
                 "object without one"};
  }
  base.message = sanitize_policy_text(msg->get<std::string>(), kMaxPolicyMessageChars);
  if (const auto field = item.find("field"); field != item.end() && !field->is_null()) {
    Result<std::string> path = field_of(*field);
    if (!path) return path.error();
    base.field = std::move(path).value();
  }
  if (const auto severity = item.find("severity"); allow_severity && severity != item.end()) {
    if (!severity->is_string() || !parse_severity(severity->get<std::string>(), base.severity)) {
      return Error{ErrorCode::kInvalid,
                   "\"severity\" must be \"error\", \"warning\" or \"info\", got " +
                       (severity->is_string()
                            ? "\"" + sanitize_policy_text(severity->get<std::string>(), 20) + "\""
                            : describe(*severity))};
    }
  }
  out.push_back(std::move(base));
  return Status::ok();
}

Status add_value(const json& value, bool allow_severity, const OpaViolation& base,
                 std::vector<OpaViolation>& out) {
  if (value.is_array()) {
    for (const json& item : value) {
      if (Status s = add_item(item, allow_severity, base, out); !s) return s;
    }
    return Status::ok();
  }
  if (value.is_object() && !value.contains("msg") && !value.contains("message")) {
    return Error{ErrorCode::kInvalid,
                 "the result is an object without \"msg\"; a decision "
                 "must be a set of messages (strings or objects with "
                 "\"msg\"), e.g. a partial set rule `deny contains msg if "
                 "{...}`"};
  }
  return add_item(value, allow_severity, base, out);
}

// conftest's rule kinds: deny, violation, warn, and their `_suffix` variants.
bool rule_kind(std::string_view name, Severity& severity) {
  for (const auto& [prefix, level] : {std::pair{std::string_view("deny"), Severity::kError},
                                      std::pair{std::string_view("violation"), Severity::kError},
                                      std::pair{std::string_view("warn"), Severity::kWarning}}) {
    if (name == prefix || (name.starts_with(prefix) && name.size() > prefix.size() + 1 &&
                           name[prefix.size()] == '_')) {
      severity = level;
      return true;
    }
  }
  return false;
}

}  // namespace

Result<std::vector<OpaViolation>> violations_from_decision(const nlohmann::json& result) {
  std::vector<OpaViolation> out;
  if (Status s = add_value(result, true, OpaViolation{}, out); !s) return s.error();
  return out;
}

Result<std::vector<OpaViolation>> violations_from_package(const nlohmann::json& package) {
  if (!package.is_object()) {
    return Error{ErrorCode::kInvalid,
                 "the package document is " + describe(package) + ", not an object of rules"};
  }
  std::vector<OpaViolation> out;
  for (const auto& [name, value] : package.items()) {
    OpaViolation base;
    if (!rule_kind(name, base.severity)) continue;
    base.rule = name;
    if (Status s = add_value(value, false, base, out); !s) {
      return Error::wrap(s.error(), "rule " + sanitize_policy_text(name, 100));
    }
  }
  return out;
}

std::string sanitize_policy_text(std::string_view text, std::size_t max_chars) {
  std::string out;
  out.reserve(std::min(text.size(), max_chars));
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80 && ++chars > max_chars) {
      out += "...";
      break;
    }
    if (c < 0x20 || c == 0x7F) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    // C1 controls (U+0080..U+009F, UTF-8 C2 80..C2 9F) include CSI, an escape in disguise.
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      ++i;
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += static_cast<char>(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace pushgate
