#include "core/schema/document_json.h"

#include <charconv>

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
    case NodeKind::kFloat:
      return node.as_double();
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
        object[std::string(node.key(i).text())] = document_to_json(node.value(i));
      }
      return object;
    }
  }
  return nullptr;
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
