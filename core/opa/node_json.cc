#include "core/opa/node_json.h"

#include <cmath>

namespace pushgate {

nlohmann::json node_to_json(NodeRef node) {
  // Depth is bounded by the reader (ParseLimits::max_depth), and the expanded size by its alias
  // budget, so plain recursion is safe here.
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
      for (std::size_t i = 0; i < node.size(); ++i) array.push_back(node_to_json(node.item(i)));
      return array;
    }
    case NodeKind::kMapping: {
      nlohmann::json object = nlohmann::json::object();
      for (std::size_t i = 0; i < node.size(); ++i) {
        const NodeRef key = node.key(i);
        // Complex keys (a mapping as a key) have no text; JSON cannot hold them either.
        if (!key.is_scalar()) continue;
        object[std::string(key.text())] = node_to_json(node.value(i));
      }
      return object;
    }
  }
  return nullptr;
}

std::string dump_json(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace pushgate
