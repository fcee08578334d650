#pragma once
// What every cross-reference rule (an object of the tree names another one) needs around the
// object inventory (core/tree/object_inventory.h): which broken references a run reports, and
// the exact node to report at, parsed from that one file only when reporting.
//
//   if (broken && reports_broken_reference(run, changes, app.entry->path, [&](const
//       ObjectInventory& base) { return still_broken(base); }))
//     visit_inventory_object(run, app, [&](const ObjectContext& object) { ... });
#include <functional>
#include <initializer_list>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/tree/change_set.h"
#include "core/tree/object_inventory.h"
#include "validators/object_validator.h"
#include "validators/validator.h"

namespace pushgate {

// A broken reference held by the file at `path` is reported when the run has no base tree (a
// full check), that file changed, or the reference was not broken before the change
// (`broken_in_base` evaluates the same check against the base tree's inventory). A push reports
// what it broke or touched, never unrelated breakage that was already there.
bool reports_broken_reference(
    const RunContext& run, const ChangeSet& changes, std::string_view path,
    const std::function<bool(const ObjectInventory& base)>& broken_in_base);

// Calls `visit` with the parsed object `object` of the run's tree (its file parsed on demand,
// cached by the tree view). False when the file does not parse or the object is not found.
bool visit_inventory_object(const RunContext& run, const InventoryObject& object,
                            const std::function<void(const ObjectContext&)>& visit);

// The string at `path` (object keys) in a summarized body, "" when absent or not a string.
std::string_view body_string(const nlohmann::json& body,
                             std::initializer_list<std::string_view> path);
// The node at `path` in a summarized body, null when absent.
const nlohmann::json* body_at(const nlohmann::json& body,
                              std::initializer_list<std::string_view> path);

}  // namespace pushgate
