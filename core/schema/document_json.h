#pragma once
// Between the positioned document model and nlohmann::json: schemas written in YAML (CRDs, a
// config schema) are compiled from JSON, and errors found in that JSON are pointed back at the
// YAML node they came from.
//
//   nlohmann::json schema = document_to_json(crd.get("spec").get("versions").item(0)...);
//   NodeRef bad = node_at_json_pointer(schema_node, {"properties", "spec", "pattern"});
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/document/document.h"

namespace pushgate {

// Mapping keys become their text (YAML `80:` is "80", as sigs.k8s.io/yaml converts it); a key
// repeated in the document keeps its last value. Recursion follows the document's depth, which
// the parser bounds (ParseLimits::max_depth). An invalid NodeRef is null.
nlohmann::json document_to_json(NodeRef node);

// The node that JSON pointer `tokens` leads to from `root`, or an invalid NodeRef.
NodeRef node_at_json_pointer(NodeRef root, const std::vector<std::string>& tokens);

}  // namespace pushgate
