#pragma once
// A positioned document node as plain JSON, the way Kubernetes (and so OPA, conftest and
// Gatekeeper) see the object: mappings become objects, sequences arrays, scalars keep the type
// the YAML reader gave them.
//
//   nlohmann::json resource = node_to_json(object.root);
//   std::string body = dump_json(nlohmann::json{{"input", resource}});
//
// Non-string mapping keys (`1: a`) become their text ("1"); a key written twice keeps the last
// value, as Go's YAML reader does. Floats that JSON cannot spell (.inf, .nan) become null.
#include <string>

#include <nlohmann/json.hpp>

#include "core/document/document.h"

namespace pushgate {

nlohmann::json node_to_json(NodeRef node);

// JSON text that never throws: invalid UTF-8 in a string (a pushed file may hold any bytes)
// is replaced with U+FFFD instead of failing the whole request.
std::string dump_json(const nlohmann::json& value);

}  // namespace pushgate
