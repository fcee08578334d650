#pragma once
// Between the positioned document model and nlohmann::json, the one conversion for every user:
// schemas written in YAML (CRDs, a config schema, a custom rule's `schema:`) are compiled from
// JSON, the object index keeps GitOps objects' bodies as JSON, and OPA is asked about objects in
// JSON, the way Kubernetes (and so OPA, conftest and Gatekeeper) see them. Errors found in the
// JSON are pointed back at the YAML node they came from.
//
//   nlohmann::json schema = document_to_json(crd.get("spec").get("versions").item(0)...);
//   NodeRef bad = node_at_json_pointer(schema_node, {"properties", "spec", "pattern"});
//   std::string body = dump_json(nlohmann::json{{"input", document_to_json(object.root)}});
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/document/document.h"

namespace pushgate {

// Mappings become objects, sequences arrays, scalars keep the type the YAML reader gave them.
// Mapping keys become their text (YAML `80:` is "80", as sigs.k8s.io/yaml converts it); a key
// repeated in the document keeps its last value; a key that is not a scalar (`? {a: b}`) is
// left out, as JSON cannot hold it. Floats JSON cannot spell (.inf, .nan) become null, so what
// a consumer sees in memory is what a JSON reader would. Recursion follows the document's depth,
// which the parser bounds (ParseLimits::max_depth). An invalid NodeRef is null.
nlohmann::json document_to_json(NodeRef node);

// JSON text that never throws: invalid UTF-8 in a string (a pushed file may hold any bytes) is
// replaced with U+FFFD instead of failing the whole request.
std::string dump_json(const nlohmann::json& value);

// The node that JSON pointer `tokens` leads to from `root`, or an invalid NodeRef.
NodeRef node_at_json_pointer(NodeRef root, const std::vector<std::string>& tokens);

}  // namespace pushgate
