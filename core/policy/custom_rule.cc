#include "core/policy/custom_rule.h"

namespace pushgate {
namespace {

// Values quoted in messages are cut here: a finding's message stays one readable line.
constexpr std::size_t kMaxValueChars = 60;

}  // namespace

bool ScalarValue::equals(NodeRef node) const {
  if (!node.is_scalar()) return false;
  const NodeKind k = node.kind();
  const bool numeric = kind == NodeKind::kInt || kind == NodeKind::kFloat;
  if (numeric) {
    return (k == NodeKind::kInt || k == NodeKind::kFloat) && node.as_double() == number;
  }
  if (k != kind) return false;
  if (kind == NodeKind::kBool) return node.as_bool() == boolean;
  if (kind == NodeKind::kNull) return true;
  return node.text() == text;
}

std::string ScalarValue::describe() const {
  return kind == NodeKind::kString ? "\"" + text + "\"" : (kind == NodeKind::kNull ? "null" : text);
}

std::string render_message(std::string_view templ, std::string_view path, std::string_view value) {
  std::string shown;
  std::size_t chars = 0;
  for (char c : value) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++chars > kMaxValueChars) {
      shown += "...";
      break;
    }
    shown += (c == '\n' || c == '\t') ? ' ' : c;
  }
  std::string out;
  std::size_t i = 0;
  while (i < templ.size()) {
    if (templ.compare(i, 8, "{{path}}") == 0) {
      out += path;
      i += 8;
    } else if (templ.compare(i, 9, "{{value}}") == 0) {
      out += shown;
      i += 9;
    } else {
      out += templ[i++];
    }
  }
  return out;
}

}  // namespace pushgate
