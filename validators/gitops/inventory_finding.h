#pragma once
// Findings at objects of the tree's inventory (core/tree/object_inventory.h): a rule resolves
// references from file summaries, then parses only the files it reports in (through the tree
// view's cache) to point at the exact node.
//
//   out.push_back(inventory_finding(*this, *run.tree, referrer, Severity::kError,
//                                   "spec.dependsOn[1].name", "dependency ... is not defined"));
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/tree/object_inventory.h"
#include "validators/validator.h"

namespace pushgate {

// A finding at `json_path` ("spec.sourceRef.name", "spec.dependsOn[1].name") of `object`; at
// the nearest node on that path that exists, or the object's start.
Finding inventory_finding(const Validator& rule, const TreeView& tree,
                          const InventoryObject& object, Severity severity,
                          const std::string& json_path, std::string message);

// The paths a run was asked to check (RunContext::changed), for "did this file change".
std::unordered_set<std::string_view> changed_paths(const RunContext& run);

}  // namespace pushgate
