#include "core/document/document.h"

namespace pushgate {

std::string_view to_string(NodeKind kind) {
  switch (kind) {
    case NodeKind::kNull:
      return "null";
    case NodeKind::kBool:
      return "boolean";
    case NodeKind::kInt:
      return "integer";
    case NodeKind::kFloat:
      return "number";
    case NodeKind::kString:
      return "string";
    case NodeKind::kMapping:
      return "mapping";
    case NodeKind::kSequence:
      return "list";
  }
  return "unknown";
}

const Node& NodeRef::node() const { return doc_->node(id_); }

NodeKind NodeRef::kind() const { return *this ? node().kind : NodeKind::kNull; }
ScalarStyle NodeRef::style() const { return *this ? node().style : ScalarStyle::kNone; }
bool NodeRef::tagged() const { return *this && node().tagged; }
Position NodeRef::position() const { return *this ? node().start : Position{}; }
Position NodeRef::end() const { return *this ? node().end : Position{}; }

std::string_view NodeRef::text() const {
  if (!is_scalar()) return {};
  return doc_->text(node());
}

std::int64_t NodeRef::as_int() const {
  if (!*this) return 0;
  const Node& n = node();
  if (n.kind == NodeKind::kInt) return n.value.i;
  if (n.kind == NodeKind::kFloat) return static_cast<std::int64_t>(n.value.f);
  return 0;
}

double NodeRef::as_double() const {
  if (!*this) return 0;
  const Node& n = node();
  if (n.kind == NodeKind::kFloat) return n.value.f;
  if (n.kind == NodeKind::kInt) return static_cast<double>(n.value.i);
  return 0;
}

bool NodeRef::as_bool() const { return *this && node().kind == NodeKind::kBool && node().value.b; }

std::size_t NodeRef::size() const {
  if (!is_mapping() && !is_sequence()) return 0;
  return node().count;
}

NodeRef NodeRef::item(std::size_t i) const {
  if (!is_sequence() || i >= node().count) return {};
  return NodeRef(doc_, doc_->child(node().first + static_cast<std::uint32_t>(i)));
}

NodeRef NodeRef::key(std::size_t i) const {
  if (!is_mapping() || i >= node().count) return {};
  return NodeRef(doc_, doc_->child(node().first + 2 * static_cast<std::uint32_t>(i)));
}

NodeRef NodeRef::value(std::size_t i) const {
  if (!is_mapping() || i >= node().count) return {};
  return NodeRef(doc_, doc_->child(node().first + 2 * static_cast<std::uint32_t>(i) + 1));
}

NodeRef NodeRef::get(std::string_view key_text) const {
  if (!is_mapping()) return {};
  const Node& n = node();
  for (std::uint32_t i = 0; i < n.count; ++i) {
    const NodeId k = doc_->child(n.first + 2 * i);
    const Node& kn = doc_->node(k);
    if (kn.kind != NodeKind::kMapping && kn.kind != NodeKind::kSequence &&
        doc_->text(kn) == key_text) {
      return NodeRef(doc_, doc_->child(n.first + 2 * i + 1));
    }
  }
  return {};
}

std::string_view NodeRef::get_string(std::string_view key_text) const {
  const NodeRef v = get(key_text);
  return v.is_string() ? v.text() : std::string_view{};
}

}  // namespace pushgate
