#include "core/document/node_equality.h"

namespace pushgate {
namespace {

bool is_number(NodeKind kind) {
  return kind == NodeKind::kInt || kind == NodeKind::kFloat;
}

}  // namespace

bool same_value(NodeRef a, NodeRef b) {
  if (!a || !b) return !a && !b;
  const NodeKind kind = a.kind();
  if (is_number(kind) && is_number(b.kind())) {
    if (kind == NodeKind::kInt && b.kind() == NodeKind::kInt) return a.as_int() == b.as_int();
    return a.as_double() == b.as_double();
  }
  if (kind != b.kind()) return false;
  switch (kind) {
    case NodeKind::kNull:
      return true;
    case NodeKind::kBool:
      return a.as_bool() == b.as_bool();
    case NodeKind::kString:
      return a.text() == b.text();
    case NodeKind::kSequence:
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (!same_value(a.item(i), b.item(i))) return false;
      }
      return true;
    case NodeKind::kMapping:
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i) {
        const NodeRef key = a.key(i);
        if (!key.is_string() || !same_value(a.value(i), b.get(key.text()))) return false;
      }
      return true;
    case NodeKind::kInt:
    case NodeKind::kFloat:
      break;  // handled above
  }
  return false;
}

}  // namespace pushgate
