#include "core/schema/document_json.h"

#include <charconv>
#include <cmath>

namespace pushgate {

nlohmann::json document_to_json(NodeRef node) {
  if (!node) return nullptr;
  switch (node.kind()) {
    case NodeKind::kNull:
      return nullptr;
    case NodeKind::kBool:
      return node.as_bool();
    case NodeKind::kInt:
      return node.as_int();
    case NodeKind::kFloat: {
      const double value = node.as_double();
      if (!std::isfinite(value)) return nullptr;
      return value;
    }
    case NodeKind::kString:
      return std::string(node.text());
    case NodeKind::kSequence: {
      nlohmann::json array = nlohmann::json::array();
      for (std::size_t i = 0; i < node.size(); ++i) array.push_back(document_to_json(node.item(i)));
      return array;
    }
    case NodeKind::kMapping: {
      nlohmann::json object = nlohmann::json::object();
      for (std::size_t i = 0; i < node.size(); ++i) {
        const NodeRef key = node.key(i);
        if (!key.is_scalar()) continue;
        object[std::string(key.text())] = document_to_json(node.value(i));
      }
      return object;
    }
  }
  return nullptr;
}

std::string dump_json(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

NodeRef node_at_json_pointer(NodeRef root, const std::vector<std::string>& tokens) {
  NodeRef current = root;
  for (const std::string& token : tokens) {
    if (current.is_mapping()) {
      current = current.get(token);
    } else if (current.is_sequence()) {
      std::size_t index = 0;
      auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
      if (ec != std::errc() || end != token.data() + token.size() || index >= current.size()) {
        return NodeRef();
      }
      current = current.item(index);
    } else {
      return NodeRef();
    }
  }
  return current;
}

}  // namespace pushgate
