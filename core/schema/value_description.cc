#include "core/schema/value_description.h"

#include <cstdio>
#include <utility>
#include <vector>

#include "core/base/capped_text.h"
#include "core/base/utf8.h"
#include "core/document/scalar_resolver.h"
#include "core/schema/schema_program.h"

namespace pushgate::schema {

std::string describe_json_type(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return "a number";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::object:
      return "an object";
    default:
      return "an unsupported value";
  }
}

std::string quote(std::string_view text) {
  std::string out = "\"";
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (characters == kMaxQuotedValue) {
      out += "...";
      break;
    }
    Utf8Char c = next_utf8_char(text, i);
    i += c.size;
    ++characters;
    switch (c.code) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c.code < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c.code));
          out += buffer;
        } else {
          append_utf8(out, c.code);
        }
    }
  }
  out += '"';
  return out;
}

std::string describe_value(NodeRef node) {
  if (!node) return "nothing";
  switch (node.kind()) {
    case NodeKind::kNull:
      return node.text().empty() ? "null (no value)" : "null";
    case NodeKind::kBool:
      return std::string("boolean ") + (node.as_bool() ? "true" : "false");
    case NodeKind::kInt:
      return "integer " + cap_value(node.text());
    case NodeKind::kFloat:
      return "number " + cap_value(node.text());
    case NodeKind::kString:
      return "string " + quote(node.text());
    case NodeKind::kMapping:
      return "object";
    case NodeKind::kSequence:
      return "array";
  }
  return "value";
}

std::string describe_types(std::uint8_t bits) {
  static constexpr std::pair<std::uint8_t, std::string_view> kNames[] = {
      {kObjectType, "object"},   {kArrayType, "array"},   {kStringType, "string"},
      {kIntegerType, "integer"}, {kNumberType, "number"}, {kBooleanType, "boolean"},
      {kNullType, "null"},
  };
  if (bits & kNumberType) bits &= static_cast<std::uint8_t>(~kIntegerType);  // number covers it
  std::vector<std::string_view> names;
  for (const auto& [bit, name] : kNames) {
    if (bits & bit) names.push_back(name);
  }
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out.empty() ? "nothing (the schema allows no type)" : out;
}

std::string yaml_typing_hint(NodeRef node, std::uint8_t expected) {
  if (!node.is_scalar() || node.tagged()) return "";
  const NodeKind kind = node.kind();
  const std::string_view text = node.text();
  if (node.style() == ScalarStyle::kPlain && (expected & kStringType) &&
      kind != NodeKind::kString) {
    if (kind == NodeKind::kNull && text.empty()) {
      return "; the value is empty: write one, or \"\" for an empty string";
    }
    std::string_view read_as = kind == NodeKind::kBool   ? "a boolean"
                               : kind == NodeKind::kNull ? "null"
                                                         : "a number";
    return "; YAML reads the unquoted " + cap_value(text) + " as " + std::string(read_as) +
           ": quote it (" + quote(text) + ") to keep it a string";
  }
  if (kind == NodeKind::kString && node.style() != ScalarStyle::kPlain) {
    ResolvedScalar plain = resolve_plain_scalar(text);
    bool would_fit = (plain.kind == NodeKind::kInt && (expected & (kIntegerType | kNumberType))) ||
                     (plain.kind == NodeKind::kFloat && (expected & kNumberType)) ||
                     (plain.kind == NodeKind::kBool && (expected & kBooleanType));
    if (would_fit) {
      std::string_view as = plain.kind == NodeKind::kBool ? "a boolean" : "a number";
      return "; remove the quotes to make it " + std::string(as);
    }
  }
  return "";
}

std::string_view subject(std::string_view json_path) {
  return json_path.empty() ? std::string_view("document") : json_path;
}

}  // namespace pushgate::schema
