#pragma once
// JSON Schema equality between document values (and schema literals from enum / const /
// defaults): numbers compare by value (1 == 1.0), mappings ignore key order, sequences do not,
// and booleans never equal numbers. The hashes agree with the equality, for duplicate searches.
// Recursion follows the document's nesting, which the parser bounds (ParseLimits::max_depth).
#include <cstdint>

#include <nlohmann/json.hpp>

#include "core/document/document.h"

namespace pushgate::schema {

bool nodes_equal(const Document& doc, NodeId a, NodeId b);
bool node_equals_json(const Document& doc, NodeId node, const nlohmann::json& value);
std::uint64_t node_hash(const Document& doc, NodeId node);
std::uint64_t json_hash(const nlohmann::json& value);

}  // namespace pushgate::schema
